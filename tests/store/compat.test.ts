import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createClient } from '@keyv/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store, type UserRef } from '../../src/store/state.js';
import type { UnansweredEntry } from '../../src/store/types.js';
import { REDIS_TEST_URL, uniquePrefix } from './redis.js';

// State files written before the move to node:sqlite must keep every language choice.

const dirs: string[] = [];
const stores: Store[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'compat-'));
  dirs.push(dir);
  return dir;
};
const open = (...args: Parameters<typeof openStore>) => {
  const store = openStore(...args);
  stores.push(store);
  return store;
};
const rows = (file: string) => {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare('SELECT key, value FROM keyv ORDER BY key').all() as unknown as { key: string; value: string }[];
  } finally {
    db.close();
  }
};
const CENTURY_DAYS = 36_500;

const anna: UserRef = { platform: 'discord', id: '1001' };
const bruno: UserRef = { platform: 'telegram', id: '2002' };
const local: UserRef = { platform: 'console', id: 'local' };

describe('a state file written by @keyv/sqlite 4.0.8 on sqlite3', () => {
  // tests/store/fixtures/keyv-sqlite-4.0.8.sqlite was written by the previous store (keyv 5.6,
  // @keyv/sqlite 4.0.8, sqlite3 5) before it was removed: three language choices, a conversation
  // remembered for a century, one that had already expired, and two unanswered questions (one
  // starting with ':', which keyv's serialiser escapes). It is in WAL mode, as the old store left it.
  const fixture = () => {
    const dir = tempDir();
    copyFileSync(new URL('./fixtures/keyv-sqlite-4.0.8.sqlite', import.meta.url), join(dir, 'state.sqlite'));
    return dir;
  };

  it('keeps every language choice and the live conversation', async () => {
    const store = open({ stateDir: fixture() });
    expect(await store.getLanguage(anna)).toBe('it');
    expect(await store.getLanguage(bruno)).toBe('en');
    expect(await store.getLanguage(local)).toBe('pl');
    expect(await store.getConversation('discord:c1:1001')).toEqual({
      intent: 'signing_date',
      partners: ['kirov'],
      language: 'it',
    });
    expect(await store.getConversation('telegram:9:2002')).toBeUndefined();
  });

  it('lists the unanswered questions it logged, unescaped', async () => {
    const store = open({ stateDir: fixture(), unansweredRetentionDays: CENTURY_DAYS });
    expect(await store.unanswered.entries()).toEqual([
      {
        at: '2026-11-30T10:00:00.000Z',
        language: 'en',
        platform: 'discord',
        intent: 'not_a_partner',
        text: 'Is Paris a partner?',
      },
      {
        at: '2026-11-30T11:00:00.000Z',
        language: 'pl',
        platform: 'telegram',
        intent: 'unknown',
        text: ':) co słychać?',
      },
    ]);
  });

  it('writes new choices as the same rows the old store wrote', async () => {
    const dir = fixture();
    const file = join(dir, 'state.sqlite');
    const before = rows(file);
    const store = open({ stateDir: dir });
    await store.setLanguage(anna, 'it');
    await store.setLanguage({ platform: 'discord', id: '3003' }, 'en');
    await store.close();
    const after = rows(file);
    // Rewriting a choice leaves its row byte for byte as @keyv/sqlite had written it.
    expect(after.find((row) => row.key === 'siedlce:language:discord:1001')).toEqual(
      before.find((row) => row.key === 'siedlce:language:discord:1001'),
    );
    expect(after).toContainEqual({ key: 'siedlce:language:discord:3003', value: '{"value":"en"}' });
    // The expired conversation was swept from the file, the live one kept.
    expect(after.map((row) => row.key)).not.toContain('siedlce:conversation:telegram:9:2002');
    expect(after.map((row) => row.key)).toContain('siedlce:conversation:discord:c1:1001');
  });
});

describe('a state file in the old format, written here with node:sqlite', () => {
  // What @keyv/sqlite did on every start and write, statement for statement: its CREATE TABLE,
  // the old store's WAL pragma, its upsert, and values as keyv 5 serialised them
  // ({"value":…,"expires":…}, a string value starting with ':' escaped as '::').
  const writeOldFile = (dir: string) => {
    const db = new DatabaseSync(join(dir, 'state.sqlite'));
    db.exec('PRAGMA journal_mode=WAL');
    db.exec('PRAGMA synchronous=NORMAL');
    db.exec('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT )');
    const upsert = db.prepare(`INSERT INTO keyv (key, value)
			VALUES(?, ?) 
			ON CONFLICT(key) 
			DO UPDATE SET value=excluded.value;`);
    const inOneHour = Date.now() + 3600_000;
    upsert.run('siedlce:language:discord:1001', JSON.stringify({ value: 'it' }));
    upsert.run('siedlce:language:telegram:2002', JSON.stringify({ value: 'en' }));
    upsert.run('siedlce:language:telegram:2002', JSON.stringify({ value: 'pl' }));
    upsert.run(
      'siedlce:conversation:telegram:42:2002',
      JSON.stringify({ value: { intent: 'partner_info', partners: ['dasing'], language: 'pl' }, expires: inOneHour }),
    );
    upsert.run(
      'siedlce:conversation:old',
      JSON.stringify({ value: { intent: 'partner_info', partners: ['kirov'] }, expires: Date.now() - 1 }),
    );
    const at = new Date(Date.now() - 3600_000).toISOString();
    upsert.run(
      `siedlce:unanswered:${at}:0b4c2a52-8d0e-4c57-9a39-5a3f1b0c7e11`,
      JSON.stringify({ value: { at, language: 'it', platform: 'console', intent: 'unknown', text: '::-)' } }),
    );
    db.close();
    return at;
  };

  it('reads the language choices, the live conversation and the log the new way', async () => {
    const dir = tempDir();
    const at = writeOldFile(dir);
    const store = open({ stateDir: dir });
    expect(await store.getLanguage(anna)).toBe('it');
    expect(await store.getLanguage(bruno)).toBe('pl');
    expect(await store.getConversation('telegram:42:2002')).toEqual({
      intent: 'partner_info',
      partners: ['dasing'],
      language: 'pl',
    });
    expect(await store.getConversation('old')).toBeUndefined();
    expect(await store.unanswered.entries()).toEqual([
      { at, language: 'it', platform: 'console', intent: 'unknown', text: ':-)' },
    ]);
    // And choices survive a restart on the new store too.
    await store.setLanguage(anna, 'en');
    await store.close();
    expect(await open({ stateDir: dir }).getLanguage(anna)).toBe('en');
  });
});

describe.skipIf(!REDIS_TEST_URL)('an unanswered log written to Redis by the old store', () => {
  it('is moved into the bounded log and listed', async () => {
    const prefix = uniquePrefix('legacy');
    const redis = createClient({ url: REDIS_TEST_URL });
    await redis.connect();
    try {
      // The old store wrote one keyv key per entry; @keyv/redis named it `<ns>::<ns>:<key>`.
      const namespace = `${prefix}:unanswered`;
      const at = new Date(Date.now() - 3600_000).toISOString();
      const old: UnansweredEntry = {
        at,
        language: 'en',
        platform: 'discord',
        intent: 'not_a_partner',
        text: 'Is Rome a partner?',
      };
      await redis.set(
        `${namespace}::${namespace}:${at}:1c9e6a1e-6d0f-4a53-9b8e-3f0e2c1d4b5a`,
        JSON.stringify({ value: old }),
      );
      const tooOld = new Date(Date.now() - 200 * 24 * 3600_000).toISOString();
      await redis.set(
        `${namespace}::${namespace}:${tooOld}:2c9e6a1e-6d0f-4a53-9b8e-3f0e2c1d4b5a`,
        JSON.stringify({ value: { ...old, at: tooOld, text: 'ancient' } }),
      );
      const store = open({ redisUrl: REDIS_TEST_URL, prefix });
      const recent = { ...old, at: new Date().toISOString(), text: 'Is Milan a partner?' };
      await store.unanswered.record(recent);
      expect(await store.unanswered.entries()).toEqual([old, recent]);
      expect(await redis.keys(`${namespace}::*`)).toEqual([]);
      expect(await redis.zCard(`${prefix}:unanswered-log`)).toBe(2);
    } finally {
      for (const key of await redis.keys(`${prefix}*`)) await redis.del(key);
      await redis.close();
    }
  });
});
