import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/service/assistant.js';
import { realEngine } from '../support/engine.js';
import { memoryState } from '../support/memory-state.js';

function logAt(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

const question = {
  user: { platform: 'telegram' as const, id: '4242' },
  session: 'telegram:1:4242',
  text: 'Kiedy podpisano umowę z Kirowem?',
};

describe('what the assistant logs', () => {
  it('at debug level: each answer with its text, never who asked', async () => {
    const { logger, lines } = logAt('debug');
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
    const { logger, lines } = logAt('info');
    await createAssistant({ engine: realEngine(), state: memoryState(), logger }).ask(question);
    expect(JSON.stringify(lines)).not.toContain('Kirowem');
  });
});
