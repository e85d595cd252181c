import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import KeyvRedis, { createClient } from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { type Language, LanguageSchema } from '../domain/schema.js';
import { type Conversation, ConversationSchema } from '../engine/types.js';
import { memoryCounter, type RateCounter, redisCounter } from './rate-limit.js';
import { type UnansweredStore, unansweredStore } from './unanswered.js';

export type Platform = 'console' | 'discord' | 'telegram';

export interface UserRef {
  platform: Platform;
  id: string;
}

/** What a write-and-read of the store's heartbeat found; `detail` says why it failed. */
export interface StoreHealth {
  readonly ok: boolean;
  readonly detail?: string | undefined;
}

/** Per-user choices and per-session conversation context, kept across restarts and processes. */
export interface StateStore {
  getLanguage(user: UserRef): Promise<Language | undefined>;
  /** `undefined` forgets the choice (automatic language). */
  setLanguage(user: UserRef, language: Language | undefined): Promise<void>;
  getConversation(session: string): Promise<Conversation | undefined>;
  setConversation(session: string, conversation: Conversation): Promise<void>;
  /**
   * A short text an adapter keeps for a scope of its own and an id in it (a server's language, a
   * user's last platform locale); it is gone after `ttlMs` when one is given.
   */
  getPreference(scope: string, id: string): Promise<string | undefined>;
  /** `undefined` forgets it. */
  setPreference(scope: string, id: string, value: string | undefined, ttlMs?: number): Promise<void>;
  /** Answers when the backend can be reached. */
  ping(): Promise<boolean>;
  /**
   * Writes a heartbeat and reads it back (/healthz, and once at start-up): a read-only file or a
   * full disk fails here, where a ping would still answer.
   */
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

/** The whole store: state, the unanswered-question log and the rate-limit counters, on one backend. */
export interface Store extends StateStore {
  readonly kind: 'sqlite' | 'redis';
  /** Where the state lives: the SQLite file, or the Redis URL without its password. */
  readonly location: string;
  readonly unanswered: UnansweredStore;
  /** Counts hits per key and window: in this process for SQLite, shared by all processes for Redis. */
  readonly counter: RateCounter;
}

export interface StateStoreOptions {
  /** Folder of the SQLite file when no Redis is configured. */
  stateDir?: string | undefined;
  /** Redis connection URL; several bot processes then share one state. */
  redisUrl?: string | undefined;
  /** How long a conversation is remembered after its last question. */
  conversationTtlMs?: number | undefined;
  /** Key prefix, so tests and deployments can share one Redis. */
  prefix?: string | undefined;
  /** Called with backend errors that keyv reports as events (a lost Redis connection…). */
  onError?: ((error: unknown) => void) | undefined;
}

export const DEFAULT_CONVERSATION_TTL_MS = 30 * 60 * 1000;
/** How often expired conversations and preferences are removed from the SQLite file (Redis expires keys itself). */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

export function sqliteFile(stateDir: string | undefined): string {
  return join(resolve(stateDir ?? 'var'), 'state.sqlite');
}

function sqliteStore(file: string): KeyvSqlite {
  mkdirSync(resolve(file, '..'), { recursive: true });
  const store = new KeyvSqlite({ uri: `sqlite://${file}`, busyTimeout: 5000, iterationLimit: 1000 });
  // WAL: readers do not wait for the writer, and a commit is one append instead of a full sync,
  // still safe against the process stopping or crashing at any point.
  void store.query('PRAGMA journal_mode=WAL').catch(() => undefined);
  void store.query('PRAGMA synchronous=NORMAL').catch(() => undefined);
  return store;
}

/** How long a question waits for a lost Redis connection to come back before it fails. */
const REDIS_WAIT_MS = 3000;

interface RedisBackend {
  store: KeyvRedis<unknown>;
  /** Resolves when the connection is ready; rejects after REDIS_WAIT_MS without one. */
  ready(): Promise<void>;
}

function redisStore(url: string, onError: (error: unknown) => void): RedisBackend {
  const client = createClient({
    url,
    // While Redis is away a question fails at once (the adapter apologises) instead of hanging.
    disableOfflineQueue: true,
    socket: { connectTimeout: 5000, reconnectStrategy: (attempts) => Math.min(2 ** attempts * 100, 2000) },
  });
  client.on('error', onError);
  client.connect().catch(onError);
  const ready = async () => {
    if (client.isReady) return;
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        reject(new Error(`Redis cannot be reached (waited ${REDIS_WAIT_MS} ms)`));
      }, REDIS_WAIT_MS);
      client.once('ready', onReady);
    });
  };
  return {
    store: new KeyvRedis(client, { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: 5000 }),
    ready,
  };
}

/** The same failure repeated (every reconnection attempt) is reported once a minute. */
function throttled(report: (error: unknown) => void): (error: unknown) => void {
  const seen = new Map<string, number>();
  return (error) => {
    const key = error instanceof Error ? error.message : String(error);
    const now = Date.now();
    if ((seen.get(key) ?? 0) > now) return;
    if (seen.size > 100) seen.clear();
    seen.set(key, now + 60_000);
    report(error);
  };
}

function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * Opens the state: a SQLite file under STATE_DIR by default, Redis when REDIS_URL is set. Every
 * write is awaited (a reply is sent only once its state is stored); close() waits for pending
 * writes and closes the connections.
 */
export function openStore(options: StateStoreOptions = {}): Store {
  const prefix = options.prefix ?? 'siedlce';
  const ttl = options.conversationTtlMs ?? DEFAULT_CONVERSATION_TTL_MS;
  const redisUrl = options.redisUrl;
  const file = sqliteFile(options.stateDir);
  const onError = throttled(options.onError ?? (() => undefined));
  // Two connections: one for the per-user state, one for the log (iterated by `npm run report`).
  const redis = redisUrl ? [redisStore(redisUrl, onError), redisStore(redisUrl, onError)] : undefined;
  const stateBackendStore = redis?.[0]?.store ?? sqliteStore(file);
  const logBackendStore = redis?.[1]?.store ?? sqliteStore(file);
  const ready = async () => {
    if (redis) await Promise.all(redis.map((backend) => backend.ready()));
  };
  const state = new Keyv<unknown>({ store: stateBackendStore, namespace: prefix, throwOnErrors: true });
  const log = new Keyv<unknown>({ store: logBackendStore, namespace: `${prefix}:unanswered`, throwOnErrors: true });
  state.on('error', onError);
  log.on('error', onError);

  const counter: RateCounter = redisUrl
    ? redisCounter(async () => {
        await ready();
        return (stateBackendStore as KeyvRedis<unknown>).getClient();
      }, `${prefix}:rate:`)
    : memoryCounter();

  const pending = new Set<Promise<unknown>>();
  /** Waits for the backend, then runs a write that close() will wait for. */
  const write = async <T>(work: () => Promise<T>): Promise<T> => {
    const running = ready().then(work);
    pending.add(running);
    try {
      return await running;
    } finally {
      pending.delete(running);
    }
  };
  const read = async <T>(work: () => Promise<T>): Promise<T> => {
    await ready();
    return work();
  };

  const userKey = (user: UserRef) => `language:${user.platform}:${user.id}`;
  const conversationKey = (session: string) => `conversation:${session}`;
  const preferenceKey = (scope: string, id: string) => `preference:${scope}:${id}`;

  const sweep = async () => {
    if (redisUrl) return;
    const sqlite = stateBackendStore as KeyvSqlite;
    await sqlite
      .query(
        `DELETE FROM ${sqlite.opts.table} WHERE (key LIKE ? OR key LIKE ?) AND json_extract(value, '$.expires') < ?`,
        `${prefix}:conversation:%`,
        `${prefix}:preference:%`,
        Date.now(),
      )
      .catch(onError);
  };
  const sweeper = redisUrl ? undefined : setInterval(() => void sweep(), SWEEP_EVERY_MS);
  sweeper?.unref();

  let closed: Promise<void> | undefined;

  return {
    kind: redisUrl ? 'redis' : 'sqlite',
    location: redisUrl ? redactUrl(redisUrl) : file,
    counter,
    unanswered: unansweredStore(log, write, read),
    async getLanguage(user) {
      const stored = LanguageSchema.safeParse(await read(() => state.get(userKey(user))));
      return stored.success ? stored.data : undefined;
    },
    async setLanguage(user, language) {
      if (language) await write(() => state.set(userKey(user), language));
      else await write(() => state.delete(userKey(user)));
    },
    async getConversation(session) {
      const stored = ConversationSchema.safeParse(await read(() => state.get(conversationKey(session))));
      return stored.success ? stored.data : undefined;
    },
    async setConversation(session, conversation) {
      await write(() => state.set(conversationKey(session), conversation, ttl));
    },
    async getPreference(scope, id) {
      const stored = await read(() => state.get(preferenceKey(scope, id)));
      return typeof stored === 'string' ? stored : undefined;
    },
    async setPreference(scope, id, value, ttlMs) {
      if (value === undefined) await write(() => state.delete(preferenceKey(scope, id)));
      else await write(() => state.set(preferenceKey(scope, id), value, ttlMs));
    },
    async ping() {
      try {
        if (redisUrl) {
          await ready();
          const client = await (stateBackendStore as KeyvRedis<unknown>).getClient();
          return (await client.ping()) === 'PONG';
        }
        await (stateBackendStore as KeyvSqlite).query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async health() {
      const beat = `${process.pid}:${Date.now()}`;
      try {
        await write(() => state.set('heartbeat', beat, 60_000));
        const stored = await read(() => state.get('heartbeat'));
        // Another process sharing the backend may have written its own beat in between: still alive.
        return stored === undefined
          ? { ok: false, detail: 'the heartbeat written could not be read back' }
          : { ok: true };
      } catch (error) {
        return { ok: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
    close() {
      closed ??= (async () => {
        if (sweeper) clearInterval(sweeper);
        await Promise.allSettled([...pending]);
        await sweep();
        await Promise.allSettled([state.disconnect(), log.disconnect()]);
      })();
      return closed;
    },
  };
}

/** The state store (kept for callers that only need the state). */
export function openStateStore(options: StateStoreOptions = {}): Store {
  return openStore(options);
}
