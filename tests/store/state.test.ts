import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type StateStoreOptions, type Store, type UserRef } from '../../src/store/state.js';
import { REDIS_TEST_URL, uniquePrefix } from './redis.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const anna: UserRef = { platform: 'discord', id: '1001' };
const bruno: UserRef = { platform: 'telegram', id: '1001' };

interface Backend {
  name: string;
  /** Options of one shared state: every store opened with them sees the same data. */
  options(): StateStoreOptions;
}

const backends: Backend[] = [
  {
    name: 'sqlite',
    options: () => {
      const dir = mkdtempSync(join(tmpdir(), 'state-'));
      dirs.push(dir);
      return { stateDir: dir };
    },
  },
];
if (REDIS_TEST_URL)
  backends.push({ name: 'redis', options: () => ({ redisUrl: REDIS_TEST_URL, prefix: uniquePrefix('state') }) });

describe.each(backends)('state store on $name', (backend) => {
  const stores: Store[] = [];
  const open = (options: StateStoreOptions) => {
    const store = openStore(options);
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  it('keeps a language choice after the store is closed and opened again', async () => {
    const options = backend.options();
    const first = open(options);
    await first.setLanguage(anna, 'it');
    await first.close();
    const second = open(options);
    expect(await second.getLanguage(anna)).toBe('it');
    // Per platform: the same id on another platform is another person.
    expect(await second.getLanguage(bruno)).toBeUndefined();
    await second.setLanguage(anna, undefined);
    expect(await second.getLanguage(anna)).toBeUndefined();
  });

  it('keeps a preference per scope and id, forgets it on undefined, and lets one with a ttl expire', async () => {
    const options = backend.options();
    const first = open(options);
    await first.setPreference('discord-guild-language', '42', 'pl');
    await first.setPreference('discord-user-locale', '42', 'it', 300);
    await first.close();
    const second = open(options);
    expect(await second.getPreference('discord-guild-language', '42')).toBe('pl');
    // Scopes do not meet: the same id in another scope is another thing.
    expect(await second.getPreference('discord-guild-language', '43')).toBeUndefined();
    expect(await second.getPreference('discord-user-locale', '42')).toBe('it');
    await sleep(600);
    expect(await second.getPreference('discord-user-locale', '42')).toBeUndefined();
    await second.setPreference('discord-guild-language', '42', undefined);
    expect(await second.getPreference('discord-guild-language', '42')).toBeUndefined();
  });

  it('lets two stores on the same backend see each other’s choice and conversation', async () => {
    const options = backend.options();
    const a = open(options);
    const b = open(options);
    await a.setLanguage(bruno, 'en');
    await a.setConversation('telegram:42:1001', { intent: 'signing_date', partners: ['kirov'], language: 'en' });
    expect(await b.getLanguage(bruno)).toBe('en');
    expect(await b.getConversation('telegram:42:1001')).toEqual({
      intent: 'signing_date',
      partners: ['kirov'],
      language: 'en',
    });
    await b.setLanguage(bruno, 'pl');
    expect(await a.getLanguage(bruno)).toBe('pl');
  });

  it('forgets a conversation after its TTL but keeps the language', async () => {
    const store = open({ ...backend.options(), conversationTtlMs: 300 });
    await store.setLanguage(anna, 'en');
    await store.setConversation('s1', { intent: 'partner_info', partners: ['dasing'] });
    expect(await store.getConversation('s1')).toEqual({ intent: 'partner_info', partners: ['dasing'] });
    await sleep(600);
    expect(await store.getConversation('s1')).toBeUndefined();
    expect(await store.getLanguage(anna)).toBe('en');
  });

  it('logs unanswered questions without user ids and lists them', async () => {
    const options = backend.options();
    const store = open(options);
    const day = 24 * 3600 * 1000;
    const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
    const yesterday = ago(1);
    const dayBefore = ago(2);
    await store.unanswered.record({
      at: yesterday,
      language: 'en',
      platform: 'discord',
      intent: 'not_a_partner',
      text: 'Is Paris a partner?',
    });
    await store.unanswered.record({
      at: dayBefore,
      language: 'pl',
      platform: 'telegram',
      intent: 'unknown',
      text: '  jaka jest pogoda  ',
    });
    // Blank: not worth logging. Older than the retention: dropped when the log is read.
    await store.unanswered.record({ at: ago(0), language: 'pl', platform: 'console', intent: 'unknown', text: '   ' });
    await store.unanswered.record({
      at: ago(91),
      language: 'it',
      platform: 'console',
      intent: 'unknown',
      text: 'vecchio',
    });
    const other = open(options);
    const entries = await other.unanswered.entries();
    expect(entries).toEqual([
      { at: dayBefore, language: 'pl', platform: 'telegram', intent: 'unknown', text: 'jaka jest pogoda' },
      { at: yesterday, language: 'en', platform: 'discord', intent: 'not_a_partner', text: 'Is Paris a partner?' },
    ]);
    expect(JSON.stringify(entries)).not.toContain('1001');
    expect(JSON.stringify(await other.unanswered.entries())).not.toContain('vecchio');
  });

  it('answers ping while open', async () => {
    const store = open(backend.options());
    expect(await store.ping()).toBe(true);
    expect((await store.health()).ok).toBe(true);
  });

  it('keeps a preference per scope and id, apart from the language choices', async () => {
    const options = backend.options();
    const store = open(options);
    await store.setPreference('guild-language', '1001', 'it');
    await store.setPreference('channel-mode', '1001', 'quiet');
    expect(await store.getLanguage(anna)).toBeUndefined();
    const reopened = open(options);
    expect(await reopened.getPreference('guild-language', '1001')).toBe('it');
    expect(await reopened.getPreference('channel-mode', '1001')).toBe('quiet');
    expect(await reopened.getPreference('guild-language', '1002')).toBeUndefined();
    await reopened.setPreference('guild-language', '1001', undefined);
    expect(await store.getPreference('guild-language', '1001')).toBeUndefined();
    // A scope is a name: it cannot reach into another scope's keys.
    await expect(store.getPreference('guild:language', '1')).rejects.toThrow(/scope/);
  });

  it('waits for writes in flight when closed', async () => {
    // The writes start right after opening, so on Redis they wait for the connection, and close()
    // is called before any has reached the backend. Without its wait, close() shuts the SQLite
    // file ("database is not open") or the Redis connection ("the state store is closed") under
    // them: checked by removing the wait.
    const options = backend.options();
    const store = open(options);
    const users = Array.from({ length: 50 }, (_, index): UserRef => ({ platform: 'console', id: `u${index}` }));
    const writes = users.map((user) => store.setLanguage(user, 'it'));
    await store.close();
    await Promise.all(writes);
    const reopened = open(options);
    const languages = await Promise.all(users.map((user) => reopened.getLanguage(user)));
    expect(languages.every((language) => language === 'it')).toBe(true);
  });
});

describe('store configuration', () => {
  it('reports a Redis location without its password', () => {
    const store = openStore({ redisUrl: 'redis://user:secret@127.0.0.1:1/0', prefix: uniquePrefix('cfg') });
    expect(store.kind).toBe('redis');
    expect(store.location).not.toContain('secret');
    void store.close();
  });

  it('says so when Redis cannot be reached', async () => {
    const store = openStore({ redisUrl: 'redis://127.0.0.1:1', prefix: uniquePrefix('down') });
    expect(await store.ping()).toBe(false);
    await store.close();
  });
});
