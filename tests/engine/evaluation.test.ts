import { describe, expect, it } from 'vitest';
import { realEngine } from '../support/engine.js';
import { evaluate, formatEvaluation, readLabelledSet } from './evaluate.js';

const questions = readLabelledSet(new URL('./eval-set.jsonl', import.meta.url));
/** Written blind (without seeing the engine's words) to measure how well understanding generalises. */
const holdout = readLabelledSet(new URL('./holdout-set.jsonl', import.meta.url));
const holdout2 = readLabelledSet(new URL('./holdout2-set.jsonl', import.meta.url));
const holdout3 = readLabelledSet(new URL('./holdout3-set.jsonl', import.meta.url));
const holdout4 = readLabelledSet(new URL('./holdout4-set.jsonl', import.meta.url));
/** Conversations, long messages, conditions and look-alike places, written with the query engine (issue 9). */
const conversations = readLabelledSet(new URL('./conversation-set.jsonl', import.meta.url));

describe('understanding, scored on the labelled set', () => {
  it('holds at least 180 questions, at least 60 in each language', () => {
    expect(questions.length).toBeGreaterThanOrEqual(180);
    for (const language of ['pl', 'it', 'en']) {
      expect(questions.filter((question) => question.language === language).length).toBeGreaterThanOrEqual(60);
    }
  });

  it('answers at least 95% right (language, intent and partners), per intent and per language', () => {
    const evaluation = evaluate(realEngine(), questions);
    console.log(formatEvaluation(evaluation));
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe('understanding, scored on the blind held-out set', () => {
  it.each([
    ['holdout-set.jsonl', holdout],
    ['holdout2-set.jsonl', holdout2],
    ['holdout3-set.jsonl', holdout3],
    ['holdout4-set.jsonl', holdout4],
  ])('%s: answers at least 90% right', (_name, set) => {
    const evaluation = evaluate(realEngine(), set);
    console.log(formatEvaluation(evaluation));
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.9);
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

  it('answers at least 95% right, checking every intent, the order and the text', () => {
    const evaluation = evaluate(realEngine(), conversations);
    console.log(formatEvaluation(evaluation));
    expect(evaluation.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
