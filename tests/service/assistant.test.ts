import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/service/assistant.js';
import { realEngine } from '../support/engine.js';
import { memoryLogger } from '../support/log.js';
import { memoryState } from '../support/memory-state.js';

const question = {
  user: { platform: 'telegram' as const, id: '4242' },
  session: 'telegram:1:4242',
  text: 'Kiedy podpisano umowę z Kirowem?',
};

describe('what the assistant logs', () => {
  it('at debug level: each answer with its text, never who asked', async () => {
    const { logger, lines } = memoryLogger('debug');
    await createAssistant({ engine: realEngine(), state: memoryState(), logger }).ask(question);
    const [answered] = lines.filter((line) => line.msg === 'answered');
    expect(answered).toMatchObject({
      platform: 'telegram',
      intent: 'signing_date',
      language: 'pl',
      text: question.text,
    });
    expect(JSON.stringify(lines)).not.toContain('4242');
  });

  it('at info level: nothing of what people ask', async () => {
    const { logger, lines } = memoryLogger('info');
    await createAssistant({ engine: realEngine(), state: memoryState(), logger }).ask(question);
    expect(JSON.stringify(lines)).not.toContain('Kirowem');
  });
});
