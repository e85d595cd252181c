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
  /** When a message asks several things: every intent, in the order asked (`intent` is the first). */
  intents: z.array(IntentSchema).optional(),
  /** The order of `partners` matters (a chronological list, nearest first, "the first three"). */
  ordered: z.boolean().optional(),
  /** Short strings the answer text must contain (a year, a number). */
  contains: z.array(z.string()).optional(),
  /** What the question tests: follow-up, long, condition, place or single (tests/../FORMAT.md). */
  kind: z.enum(['follow-up', 'long', 'condition', 'place', 'single']).optional(),
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
  got: { language: string; intent: string; intents: string[]; partners: string[]; text: string };
  /** What was wrong: language, intent, intents, partners, order or text. */
  why: string[];
}

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  byIntent: Map<string, { total: number; correct: number }>;
  byLanguage: Map<string, { total: number; correct: number }>;
  byKind: Map<string, { total: number; correct: number }>;
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

const folded = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
const sameOrder = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => b[index] === item);

/** What a reply got wrong against its label; empty when it is right. */
export function mistakes(question: LabelledQuestion, reply: ReturnType<Engine['answer']>): string[] {
  const why: string[] = [];
  if (reply.language !== question.language) why.push('language');
  if (reply.intent !== question.intent) why.push('intent');
  if (question.intents && !sameOrder(reply.intents ?? [reply.intent], question.intents)) why.push('intents');
  if (question.partners !== undefined) {
    if (!sameSet(reply.partners, question.partners)) why.push('partners');
    else if (question.ordered && !sameOrder(reply.partners, question.partners)) why.push('order');
  }
  // numbers are written with thousands separators in some languages ("1 860", "1,860")
  const text = folded(reply.text).replace(/(\d)[\s,.\u00a0\u202f](?=\d{3}\b)/gu, '$1');
  for (const part of question.contains ?? []) {
    if (!text.includes(folded(part).replace(/(\d)[\s,.](?=\d{3}\b)/gu, '$1'))) why.push(`text lacks "${part}"`);
  }
  return why;
}

/**
 * Scores the engine like a classifier: a question is right when language, intent (and every
 * intent, when labelled), partners (in order, when it matters) and the required text are.
 */
export function evaluate(engine: Engine, questions: readonly LabelledQuestion[]): Evaluation {
  const sessions = new Map<string, Conversation>();
  const result: Evaluation = {
    total: 0,
    correct: 0,
    accuracy: 0,
    byIntent: new Map(),
    byLanguage: new Map(),
    byKind: new Map(),
    confusion: new Map(),
    misses: [],
  };
  for (const question of questions) {
    const conversation = question.session ? sessions.get(question.session) : undefined;
    const reply = engine.answer({ text: question.text, conversation, locale: question.locale });
    if (question.session) sessions.set(question.session, reply.conversation);
    const why = mistakes(question, reply);
    const ok = why.length === 0;
    result.total++;
    if (ok) result.correct++;
    else
      result.misses.push({
        question,
        got: {
          language: reply.language,
          intent: reply.intent,
          intents: reply.intents ?? [reply.intent],
          partners: reply.partners,
          text: reply.text,
        },
        why,
      });
    tally(result.byIntent, question.intent, ok);
    tally(result.byLanguage, question.language, ok);
    tally(result.byKind, question.kind ?? 'unlabelled', ok);
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
  if ([...evaluation.byKind.keys()].some((kind) => kind !== 'unlabelled')) {
    lines.push('by kind:');
    for (const [kind, { total, correct }] of [...evaluation.byKind].sort()) {
      lines.push(`  ${kind.padEnd(16)} ${percent(correct, total).padStart(6)}  ${correct}/${total}`);
    }
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
      `  ✗ ${JSON.stringify(miss.question.text)} expected ${miss.question.language}/${(miss.question.intents ?? [miss.question.intent]).join('+')}/${miss.question.partners?.join('+') ?? '*'}, got ${miss.got.language}/${miss.got.intents.join('+')}/${miss.got.partners.join('+')} (${miss.why.join(', ')})`,
    );
  }
  return lines.join('\n');
}
