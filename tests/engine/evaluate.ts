import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { IntentSchema } from '../../src/domain/intents.js';
import type { Conversation, Engine } from '../../src/engine/index.js';

export const LabelledQuestionSchema = z.object({
  text: z.string(),
  language: z.string(),
  intent: IntentSchema,
  /** When given, the reply must name exactly these partners (in any order). */
  partners: z.array(z.string()).optional(),
  /** Questions with the same session are asked in order, sharing conversation context. */
  session: z.string().optional(),
  locale: z.string().optional(),
});
export type LabelledQuestion = z.infer<typeof LabelledQuestionSchema>;

export function readLabelledSet(file: URL): LabelledQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => LabelledQuestionSchema.parse(JSON.parse(line)));
}

export interface Miss {
  question: LabelledQuestion;
  got: { language: string; intent: string; partners: string[] };
}

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  byIntent: Map<string, { total: number; correct: number }>;
  byLanguage: Map<string, { total: number; correct: number }>;
  /** expected intent → intent given instead → count */
  confusion: Map<string, Map<string, number>>;
  misses: Miss[];
}

function tally(map: Map<string, { total: number; correct: number }>, key: string, ok: boolean) {
  const entry = map.get(key) ?? { total: 0, correct: 0 };
  entry.total++;
  if (ok) entry.correct++;
  map.set(key, entry);
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item) => b.includes(item));

/** Scores the engine like a classifier: a question is right when language, intent and partners are. */
export function evaluate(engine: Engine, questions: readonly LabelledQuestion[]): Evaluation {
  const sessions = new Map<string, Conversation>();
  const result: Evaluation = {
    total: 0,
    correct: 0,
    accuracy: 0,
    byIntent: new Map(),
    byLanguage: new Map(),
    confusion: new Map(),
    misses: [],
  };
  for (const question of questions) {
    const conversation = question.session ? sessions.get(question.session) : undefined;
    const reply = engine.answer({ text: question.text, conversation, locale: question.locale });
    if (question.session) sessions.set(question.session, reply.conversation);
    const ok =
      reply.intent === question.intent &&
      reply.language === question.language &&
      (question.partners === undefined || sameSet(reply.partners, question.partners));
    result.total++;
    if (ok) result.correct++;
    else
      result.misses.push({
        question,
        got: { language: reply.language, intent: reply.intent, partners: reply.partners },
      });
    tally(result.byIntent, question.intent, ok);
    tally(result.byLanguage, question.language, ok);
    if (reply.intent !== question.intent) {
      const row = result.confusion.get(question.intent) ?? new Map<string, number>();
      row.set(reply.intent, (row.get(reply.intent) ?? 0) + 1);
      result.confusion.set(question.intent, row);
    }
  }
  result.accuracy = result.total === 0 ? 0 : result.correct / result.total;
  return result;
}

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;

export function formatEvaluation(evaluation: Evaluation): string {
  const lines = [
    `accuracy ${percent(evaluation.correct, evaluation.total)} (${evaluation.correct}/${evaluation.total})`,
  ];
  lines.push('by language:');
  for (const [language, { total, correct }] of evaluation.byLanguage) {
    lines.push(`  ${language.padEnd(16)} ${percent(correct, total).padStart(6)}  ${correct}/${total}`);
  }
  lines.push('by intent:');
  for (const [intent, { total, correct }] of [...evaluation.byIntent].sort()) {
    lines.push(`  ${intent.padEnd(16)} ${percent(correct, total).padStart(6)}  ${correct}/${total}`);
  }
  if (evaluation.confusion.size > 0) {
    lines.push('confusion (expected → given):');
    for (const [expected, row] of evaluation.confusion) {
      for (const [given, count] of row) lines.push(`  ${expected} → ${given}: ${count}`);
    }
  }
  for (const miss of evaluation.misses) {
    lines.push(
      `  ✗ ${JSON.stringify(miss.question.text)} expected ${miss.question.language}/${miss.question.intent}/${miss.question.partners?.join('+') ?? '*'}, got ${miss.got.language}/${miss.got.intent}/${miss.got.partners.join('+')}`,
    );
  }
  return lines.join('\n');
}
