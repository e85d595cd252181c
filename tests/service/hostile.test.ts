import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/service/assistant.js';
import { realEngine } from '../support/engine.js';
import { SLOW_SHAPES } from '../support/hostile.js';
import { memoryState } from '../support/memory-state.js';

describe('hostile questions', () => {
  it('are read only up to the first 600 characters (what comes after cannot change the answer)', async () => {
    const engine = realEngine();
    const question = `Kiedy podpisano umowę z Kirowem?${' '.repeat(580)}Dasing Sabinov Pescantina`;
    const reply = engine.answer({ text: question });
    expect(reply.partners).toEqual(['kirov']);
    expect(reply.text).toBe(engine.answer({ text: 'Kiedy podpisano umowę z Kirowem?' }).text);
  });

  // How long they take is measured by bench/hostile.bench.ts (`npm run bench`), which fails over its budget.
  it('are each answered, 100 KB of every known slow shape', async () => {
    const assistant = createAssistant({ engine: realEngine(), state: memoryState() });
    const user = { platform: 'discord' as const, id: 'hostile' };
    for (const [shape, text] of Object.entries(SLOW_SHAPES)) {
      const outcome = await assistant.ask({ user, session: 'hostile', text });
      expect(outcome.kind, shape).toBe('reply');
    }
  });
});
