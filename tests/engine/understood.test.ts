import { describe, expect, it } from 'vitest';
import { realEngine } from '../support/engine.js';
import { readLabelledSet } from './evaluate.js';

const sets = ['eval-set', 'conversation-set', 'holdout5-set'].map((name) =>
  readLabelledSet(new URL(`./${name}.jsonl`, import.meta.url)),
);

/** Every session of a set, each turn answered with the conversation of the turn before. */
function answersOf(questions: ReturnType<typeof readLabelledSet>): string[] {
  const engine = realEngine();
  const conversations = new Map<string, ReturnType<typeof engine.answer>['conversation']>();
  return questions.map((question) => {
    const conversation = question.session ? conversations.get(question.session) : undefined;
    const reply = engine.answer({ text: question.text, conversation, locale: question.locale });
    if (question.session) conversations.set(question.session, reply.conversation);
    return JSON.stringify(reply);
  });
}

describe('texts understood once and kept', () => {
  it('answer the same the second time, in every conversation (nothing downstream changes what was kept)', () => {
    for (const questions of sets) expect(answersOf(questions)).toEqual(answersOf(questions));
  });
});
