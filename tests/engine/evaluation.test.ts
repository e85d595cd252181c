import { describe, expect, it } from 'vitest';
import { realEngine } from '../support/engine.js';
import { evaluate, formatEvaluation, readLabelledSet } from './evaluate.js';

const questions = readLabelledSet(new URL('./eval-set.jsonl', import.meta.url));
/** Written blind (without seeing the engine's words) to measure how well understanding generalises. */
const holdout = readLabelledSet(new URL('./holdout-set.jsonl', import.meta.url));
const holdout2 = readLabelledSet(new URL('./holdout2-set.jsonl', import.meta.url));
const holdout3 = readLabelledSet(new URL('./holdout3-set.jsonl', import.meta.url));
const holdout4 = readLabelledSet(new URL('./holdout4-set.jsonl', import.meta.url));
/** Two authors who never saw the engine: conversations and long messages (issue 9); 60.4% on first run. */
const holdout5 = readLabelledSet(new URL('./holdout5-set.jsonl', import.meta.url));
/**
 * Two more authors who never saw the engine (issue 9, second round): phone Italian from the Veneto,
 * officials' letters, non-native English; 57.2% on first run.
 */
const holdout7 = readLabelledSet(new URL('./holdout7-set.jsonl', import.meta.url));
/**
 * A fifth author, kept back from every fix and scored at the end: 77.3% then; 81.3% after one more
 * round guided by the kinds of its misses (never its texts).
 */
const holdout6 = readLabelledSet(new URL('./holdout6-set.jsonl', import.meta.url));
/**
 * Issue 9, third round: five more authors who never saw the engine (2026-12-02). 8a and 8b were
 * written first (81.3% each on first run) and their misses were worked on cause by cause; 8d (long
 * conversations that drift between partners, 80.5% on first run) showed the follow-ups still fail.
 */
const holdout8a = readLabelledSet(new URL('./holdout8a-set.jsonl', import.meta.url));
const holdout8b = readLabelledSet(new URL('./holdout8b-set.jsonl', import.meta.url));
const holdout8d = readLabelledSet(new URL('./holdout8d-set.jsonl', import.meta.url));
/**
 * Two authors given the brief of the product's hidden set (the first messages after launch, kinds
 * mixed like it). 8c: 91.5% on first run, 93.0% before its long messages were worked on; 8e, written
 * at the end and never used for a fix: 95.5% on first run, 96.0% at the end of the day.
 */
const holdout8c = readLabelledSet(new URL('./holdout8c-set.jsonl', import.meta.url));
const holdout8e = readLabelledSet(new URL('./holdout8e-set.jsonl', import.meta.url));
/**
 * Issue 9, fourth round (2026-12-02, the evening session): four more authors given only the facts and the label
 * format. 9a (pupils' chats, comparisons, 82.5% on first run) and 9b (letters from the partner towns,
 * 83.5%) were worked on cause by cause; 9d (a wide mix, 84.5%) was kept back through that round (86.8%
 * after it) and then worked on (98.6%); 9c (a wide mix, 91.4% on first run) was never opened by anyone who fixed.
 */
const holdout9a = readLabelledSet(new URL('./holdout9a-set.jsonl', import.meta.url));
const holdout9b = readLabelledSet(new URL('./holdout9b-set.jsonl', import.meta.url));
const holdout9c = readLabelledSet(new URL('./holdout9c-set.jsonl', import.meta.url));
const holdout9d = readLabelledSet(new URL('./holdout9d-set.jsonl', import.meta.url));
/** A fifth author of the same round, writing after every fix of it: its first run is the honest estimate (95.5%). */
const holdout9e = readLabelledSet(new URL('./holdout9e-set.jsonl', import.meta.url));
/** Conversations, long messages, conditions and look-alike places, written with the query engine (issue 9). */
const conversations = readLabelledSet(new URL('./conversation-set.jsonl', import.meta.url));

describe('understanding, scored on the labelled set', () => {
  it('holds at least 180 questions, at least 60 in each language', () => {
    expect(questions.length).toBeGreaterThanOrEqual(180);
    for (const language of ['pl', 'it', 'en']) {
      expect(questions.filter((question) => question.language === language).length).toBeGreaterThanOrEqual(60);
    }
  });

  it('answers at least 98% right (language, intent and partners), per intent and per language', () => {
    const evaluation = evaluate(realEngine(), questions);
    console.log(formatEvaluation(evaluation));
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.98);
  });
});

describe('understanding, scored on the blind held-out set', () => {
  // Each floor sits just under today's score, so a regression of a question or two fails the test.
  it.each([
    ['holdout-set.jsonl', 0.98, holdout],
    ['holdout2-set.jsonl', 0.99, holdout2],
    ['holdout3-set.jsonl', 0.99, holdout3],
    ['holdout4-set.jsonl', 0.97, holdout4],
    ['holdout5-set.jsonl', 0.98, holdout5],
    ['holdout6-set.jsonl', 0.95, holdout6],
    ['holdout7-set.jsonl', 0.96, holdout7],
    ['holdout8a-set.jsonl', 0.98, holdout8a],
    ['holdout8b-set.jsonl', 0.98, holdout8b],
    ['holdout8c-set.jsonl', 0.975, holdout8c],
    ['holdout8d-set.jsonl', 0.945, holdout8d],
    ['holdout8e-set.jsonl', 0.99, holdout8e],
    ['holdout9a-set.jsonl', 0.975, holdout9a],
    ['holdout9b-set.jsonl', 0.965, holdout9b],
    ['holdout9c-set.jsonl', 0.92, holdout9c],
    ['holdout9d-set.jsonl', 0.98, holdout9d],
    ['holdout9e-set.jsonl', 0.95, holdout9e],
  ] as const)('%s: answers at least %s right', (_name, floor, set) => {
    const evaluation = evaluate(realEngine(), set);
    console.log(formatEvaluation(evaluation));
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(floor);
  });
});

describe('understanding, scored on conversations, long messages, conditions and look-alike places', () => {
  it('labels every kind in every language', () => {
    for (const kind of ['follow-up', 'long', 'condition', 'place', 'single']) {
      for (const language of ['pl', 'it', 'en']) {
        const labelled = conversations.filter((question) => question.kind === kind && question.language === language);
        expect(labelled.length, `${kind}/${language}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('answers at least 98% right, checking every intent, the order and the text', () => {
    const evaluation = evaluate(realEngine(), conversations);
    console.log(formatEvaluation(evaluation));
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.98);
  });
});
