import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/service/assistant.js';
import { createRateLimiter, memoryCounter } from '../../src/store/rate-limit.js';
import { openStore, type Store, type UserRef } from '../../src/store/state.js';
import { realEngine } from '../support/engine.js';
import { REDIS_TEST_URL, uniquePrefix } from './redis.js';

const anna: UserRef = { platform: 'discord', id: 'anna' };
const stores: Store[] = [];
const dir = mkdtempSync(join(tmpdir(), 'rate-'));
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('rate limiter in one process', () => {
  it('allows exactly the configured number, refuses once, then ignores until the window passes', async () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ counter: memoryCounter(() => now), limit: 8, windowMs: 10_000 });
    const verdicts = [];
    for (let index = 0; index < 12; index += 1) verdicts.push(await limiter.take(anna));
    expect(verdicts).toEqual([...Array(8).fill('allow'), 'refuse', 'ignore', 'ignore', 'ignore']);
    // Another user, and the same id on another platform, have their own count.
    expect(await limiter.take({ platform: 'telegram', id: 'anna' })).toBe('allow');
    now += 9_999;
    expect(await limiter.take(anna)).toBe('ignore');
    now += 1;
    expect(await limiter.take(anna)).toBe('allow');
  });
});

describe.skipIf(!REDIS_TEST_URL)('rate limiter shared through Redis', () => {
  it('counts one user’s questions across two processes', async () => {
    const prefix = uniquePrefix('rate');
    const a = openStore({ redisUrl: REDIS_TEST_URL, prefix });
    const b = openStore({ redisUrl: REDIS_TEST_URL, prefix });
    stores.push(a, b);
    const first = createRateLimiter({ counter: a.counter, limit: 5, windowMs: 60_000 });
    const second = createRateLimiter({ counter: b.counter, limit: 5, windowMs: 60_000 });
    // Ten questions at once, alternating between the two processes.
    const verdicts = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 === 0 ? first : second).take(anna)),
    );
    expect(verdicts.filter((verdict) => verdict === 'allow')).toHaveLength(5);
    expect(verdicts.filter((verdict) => verdict === 'refuse')).toHaveLength(1);
    expect(verdicts.filter((verdict) => verdict === 'ignore')).toHaveLength(4);
  });

  it('opens a new window when the old one has passed', async () => {
    const store = openStore({ redisUrl: REDIS_TEST_URL, prefix: uniquePrefix('window') });
    stores.push(store);
    const limiter = createRateLimiter({ counter: store.counter, limit: 2, windowMs: 300 });
    const verdicts = [];
    for (let index = 0; index < 3; index += 1) verdicts.push(await limiter.take(anna));
    await new Promise((resolve) => setTimeout(resolve, 500));
    verdicts.push(await limiter.take(anna));
    expect(verdicts).toEqual(['allow', 'allow', 'refuse', 'allow']);
  });
});

describe('assistant with the real store and limiter', () => {
  it('answers the allowed questions, says one polite line in the user’s language, then stays silent', async () => {
    const store = openStore({ stateDir: dir });
    stores.push(store);
    const assistant = createAssistant({
      engine: realEngine(),
      state: store,
      rateLimiter: createRateLimiter({ counter: store.counter, limit: 3, windowMs: 60_000 }),
      unanswered: store.unanswered,
    });
    await assistant.chooseLanguage(anna, 'it');
    const outcomes = [];
    for (let index = 0; index < 6; index += 1) {
      outcomes.push(
        await assistant.ask({ user: anna, session: 'discord:c1:anna', text: 'Ile jest miast partnerskich?' }),
      );
    }
    expect(outcomes.slice(0, 3).map((outcome) => outcome.kind)).toEqual(['reply', 'reply', 'reply']);
    const refused = outcomes[3];
    expect(refused).toEqual({ kind: 'limited', language: 'it', text: realEngine().say('it', 'rateLimited') });
    expect(refused?.kind === 'limited' && refused.text).toBeTruthy();
    expect(outcomes.slice(4)).toEqual([
      { kind: 'limited', language: 'it', text: undefined },
      { kind: 'limited', language: 'it', text: undefined },
    ]);
  });

  it('logs unknown and not-a-partner questions, not answered ones nor button presses', async () => {
    const store = openStore({ stateDir: mkdtempSync(join(dir, 'log-')) });
    stores.push(store);
    const assistant = createAssistant({ engine: realEngine(), state: store, unanswered: store.unanswered });
    const user: UserRef = { platform: 'telegram', id: '777' };
    const ask = (text: string) => assistant.ask({ user, session: 'telegram:777', text });
    await ask('Is Paris a partner city of Siedlce?');
    await ask('When was the agreement with Dasing signed?');
    await ask('qwerty zxcv');
    await assistant.ask({
      user,
      session: 'telegram:777',
      text: '/partners',
      command: { intent: 'list_partners', partners: [] },
    });
    const entries = await store.unanswered.entries();
    expect(entries.map((entry) => [entry.intent, entry.text, entry.platform])).toEqual([
      ['not_a_partner', 'Is Paris a partner city of Siedlce?', 'telegram'],
      ['unknown', 'qwerty zxcv', 'telegram'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('777');
  });
});
