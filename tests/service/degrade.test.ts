import { describe, expect, it } from 'vitest';
import { apologyText } from '../../src/adapters/adapter.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { createAssistant, STORE_FAILURE_LOG_EVERY_MS } from '../../src/service/assistant.js';
import { createRateLimiter, memoryCounter } from '../../src/store/rate-limit.js';
import type { StateStore } from '../../src/store/state.js';
import { realEngine } from '../support/engine.js';
import { memoryLogger } from '../support/log.js';
import { memoryState } from '../support/memory-state.js';

/** A store whose every operation fails, as a read-only file or a full disk does. */
function failingState(what: 'writes' | 'everything'): StateStore {
  const healthy = memoryState();
  const fail = async () => {
    throw new Error('SQLITE_READONLY: attempt to write a readonly database');
  };
  return {
    ...healthy,
    setConversation: fail,
    setLanguage: fail,
    ...(what === 'everything' ? { getConversation: fail, getLanguage: fail } : {}),
  };
}

const anna = { platform: 'telegram' as const, id: '1' };
const ask = (text: string, locale?: string) => ({ user: anna, session: 'telegram:1:1', text, locale });

async function sample(metrics: ReturnType<typeof createMetrics>, operation: string): Promise<number> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`bot_state_failures_total{operation="${operation}"}`));
  return Number(line?.split(' ').at(-1) ?? 0);
}

describe('when the store fails, the answer is still given', () => {
  it('sends the answer, counts every failure and logs once a minute', async () => {
    let now = 1_000_000;
    const { logger, lines } = memoryLogger('warn');
    const metrics = createMetrics({ processMetrics: false });
    const assistant = createAssistant({
      engine: realEngine(),
      state: failingState('writes'),
      observer: metrics,
      logger,
      now: () => now,
    });
    for (let i = 0; i < 5; i += 1) {
      const outcome = await assistant.ask(ask('When was the agreement with Kirov signed?'));
      expect(outcome.kind === 'reply' && outcome.reply.text).toContain('2008');
    }
    expect(await sample(metrics, 'save')).toBe(5);
    expect(lines.filter((line) => line.operation === 'save')).toHaveLength(1);
    now += STORE_FAILURE_LOG_EVERY_MS;
    await assistant.ask(ask('Kirov?'));
    expect(lines.filter((line) => line.operation === 'save')).toHaveLength(2);
    expect(JSON.stringify(lines)).not.toContain('Kirov');
  });

  it('answers in the language of the question with the store unreadable too', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const assistant = createAssistant({ engine: realEngine(), state: failingState('everything'), observer: metrics });
    const outcome = await assistant.ask(ask('Quando è stato firmato l’accordo con Sabinov?'));
    expect(outcome.kind === 'reply' && outcome.reply.language).toBe('it');
    expect(await sample(metrics, 'read')).toBe(2);
    expect(await assistant.languageFor(anna, 'en-GB')).toBe('en');
  });

  it('lets a question through when the rate limiter cannot count', async () => {
    const assistant = createAssistant({
      engine: realEngine(),
      state: memoryState(),
      rateLimiter: {
        take: async () => {
          throw new Error('Redis cannot be reached');
        },
      },
    });
    expect((await assistant.ask(ask('Kirov?'))).kind).toBe('reply');
  });
});

describe('the apology', () => {
  it('follows the platform hint, never the store', () => {
    const engine = realEngine();
    expect(apologyText(engine, 'en-US')).toBe(engine.say('en', 'apology'));
    expect(apologyText(engine, undefined, 'it')).toBe(engine.say('it', 'apology'));
    expect(apologyText(engine, 'xx', null)).toBe(engine.say('pl', 'apology'));
    expect(engine.say('en', 'apology')).not.toBe(engine.say('pl', 'apology'));
  });
});

describe('the rate limit', () => {
  const limited = () =>
    createAssistant({
      engine: realEngine(),
      state: memoryState(),
      rateLimiter: createRateLimiter({ counter: memoryCounter(), limit: 2, windowMs: 60_000 }),
    });

  it('does not apply to the person at the terminal: twenty piped questions, twenty answers', async () => {
    const assistant = limited();
    const user = { platform: 'console' as const, id: 'local' };
    const outcomes = [];
    for (let i = 0; i < 20; i += 1)
      outcomes.push(await assistant.ask({ user, session: 'console:local', text: 'Kirov?' }));
    expect(outcomes.every((outcome) => outcome.kind === 'reply')).toBe(true);
  });

  it('still applies to chat users', async () => {
    const assistant = limited();
    const kinds = [];
    for (let i = 0; i < 3; i += 1) kinds.push((await assistant.ask(ask('Kirov?'))).kind);
    expect(kinds).toEqual(['reply', 'reply', 'limited']);
  });
});
