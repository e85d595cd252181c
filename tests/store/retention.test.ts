import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createClient } from '@keyv/redis';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStore, type StateStoreOptions, type Store } from '../../src/store/state.js';
import type { UnansweredEntry } from '../../src/store/types.js';
import { REDIS_TEST_URL, uniquePrefix } from './redis.js';

// What expires is removed from the backend itself, not only hidden when read: conversations after
// their TTL, unanswered questions after the retention or beyond the cap. Checked in the raw
// SQLite file and the raw Redis keys.

const DAY = 24 * 3600 * 1000;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Raw {
  /** Keys of the backend containing `part`. */
  keys(part: string): Promise<string[]>;
  /** How many unanswered entries the backend holds. */
  logSize(): Promise<number>;
}

interface Backend {
  name: string;
  setup(): Promise<{ options: StateStoreOptions; raw: Raw; done(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'sqlite',
    async setup() {
      const dir = mkdtempSync(join(tmpdir(), 'retention-'));
      dirs.push(dir);
      // A second connection on the same file, as another process would have.
      let db: DatabaseSync | undefined;
      const connection = () => {
        db ??= new DatabaseSync(join(dir, 'state.sqlite'));
        return db;
      };
      const keys = (part: string) =>
        (connection().prepare('SELECT key FROM keyv WHERE instr(key, ?) > 0').all(part) as { key: string }[]).map(
          (row) => row.key,
        );
      return {
        options: { stateDir: dir, sweepEveryMs: 50 },
        raw: { keys: async (part) => keys(part), logSize: async () => keys(':unanswered:').length },
        done: async () => db?.close(),
      };
    },
  },
];
if (REDIS_TEST_URL)
  backends.push({
    name: 'redis',
    async setup() {
      const prefix = uniquePrefix('retention');
      const redis = createClient({ url: REDIS_TEST_URL });
      await redis.connect();
      return {
        options: { redisUrl: REDIS_TEST_URL, prefix },
        raw: {
          keys: async (part) => (await redis.keys(`${prefix}*`)).filter((key) => key.includes(part)),
          logSize: () => redis.zCard(`${prefix}:unanswered-log`),
        },
        async done() {
          for (const key of await redis.keys(`${prefix}*`)) await redis.del(key);
          await redis.close();
        },
      };
    },
  });

const entry = (daysAgo: number, text: string): UnansweredEntry => ({
  at: new Date(Date.now() - daysAgo * DAY).toISOString(),
  language: 'en',
  platform: 'telegram',
  intent: 'unknown',
  text,
});

describe.each(backends)('bounded storage on $name', (backend) => {
  const stores: Store[] = [];
  const setups: Awaited<ReturnType<Backend['setup']>>[] = [];
  /** A store on a backend of its own, and a raw view of that backend. */
  const open = async (options: StateStoreOptions) => {
    const setup = await backend.setup();
    setups.push(setup);
    const store = openStore({ ...setup.options, ...options });
    stores.push(store);
    return { store, raw: setup.raw };
  };
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await Promise.all(setups.map((setup) => setup.done()));
  });

  it('removes a conversation and a preference from the backend once their TTL has passed, and keeps languages', async () => {
    const { store, raw } = await open({ conversationTtlMs: 200 });
    await store.setLanguage({ platform: 'discord', id: 'sweep' }, 'it');
    await store.setConversation('discord:c9:sweep', { intent: 'partner_info', partners: ['dasing'] });
    await store.setPreference('discord-user-locale', 'sweep', 'it', 200);
    expect(await raw.keys('conversation:discord:c9:sweep')).toHaveLength(1);
    expect(await raw.keys('preference:discord-user-locale:sweep')).toHaveLength(1);
    await vi.waitFor(
      async () => {
        expect(await raw.keys('conversation:discord:c9:sweep')).toEqual([]);
        expect(await raw.keys('preference:discord-user-locale:sweep')).toEqual([]);
      },
      { timeout: 5000, interval: 50 },
    );
    expect(await raw.keys('language:discord:sweep')).toHaveLength(1);
    expect(await store.getLanguage({ platform: 'discord', id: 'sweep' })).toBe('it');
  });

  it('removes unanswered questions past the retention without anyone reading the log', async () => {
    const { store, raw } = await open({ unansweredRetentionDays: 30 });
    await store.unanswered.record(entry(31, 'too old'));
    await store.unanswered.record(entry(29, 'recent enough'));
    await store.unanswered.record(entry(0, 'today'));
    await vi.waitFor(async () => expect(await raw.logSize()).toBe(2), { timeout: 5000, interval: 50 });
    expect((await store.unanswered.entries()).map((kept) => kept.text)).toEqual(['recent enough', 'today']);
  });

  it('keeps at most the cap, dropping the oldest, however many are written', async () => {
    const { store, raw } = await open({ unansweredMaxEntries: 5 });
    // One account writing as fast as it can: 40 questions.
    const start = Date.now() - 60_000;
    for (let index = 0; index < 40; index += 1) {
      await store.unanswered.record({ ...entry(0, `flood ${index}`), at: new Date(start + index * 10).toISOString() });
      expect(await raw.logSize()).toBeLessThanOrEqual(5);
    }
    expect((await store.unanswered.entries()).map((kept) => kept.text)).toEqual([
      'flood 35',
      'flood 36',
      'flood 37',
      'flood 38',
      'flood 39',
    ]);
  });
});
