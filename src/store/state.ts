import { randomUUID } from 'node:crypto';
import Keyv from 'keyv';
import { type Language, LanguageSchema } from '../domain/schema.js';
import { type Conversation, ConversationSchema } from '../engine/types.js';
import { type Backend, firstLine, type LogLimits } from './backend.js';
import { deferredBackend } from './deferred.js';
import type { RateCounter } from './rate-limit.js';
import { parseRedisUrl, redactUrl } from './redis-url.js';
import { sqliteBackend, sqliteFile } from './sqlite.js';
import type { StoreHealth, UserRef } from './types.js';
import {
  UNANSWERED_MAX_ENTRIES,
  UNANSWERED_RETENTION_DAYS,
  type UnansweredStore,
  unansweredStore,
} from './unanswered.js';

export { StoreOpenError } from './backend.js';
export { sqliteFile } from './sqlite.js';
export type { Platform, StoreHealth, UserRef } from './types.js';

/** Per-user choices and per-session conversation context, kept across restarts and processes. */
export interface StateStore {
  getLanguage(user: UserRef): Promise<Language | undefined>;
  /** `undefined` forgets the choice (automatic language). */
  setLanguage(user: UserRef, language: Language | undefined): Promise<void>;
  getConversation(session: string): Promise<Conversation | undefined>;
  setConversation(session: string, conversation: Conversation): Promise<void>;
  /**
   * A short text an adapter keeps for a scope of its own and an id in it (a server's language, a
   * user's last platform locale); it is gone after `ttlMs` when one is given. The caller validates
   * the value when it reads it back; a scope is a lower-case name (`discord-guild-language`).
   */
  getPreference(scope: string, id: string): Promise<string | undefined>;
  /** `undefined` forgets it. */
  setPreference(scope: string, id: string, value: string | undefined, ttlMs?: number): Promise<void>;
  /** Whether a heartbeat can be written and read back: `health().ok`. */
  ping(): Promise<boolean>;
  /**
   * Writes a heartbeat and reads it back (/healthz, and once at start-up), and checks what a
   * heartbeat cannot see (free space where the SQLite file lives): a read-only file or a full disk
   * fails here, where a ping would still answer. Never throws: a failure is `ok: false` with one
   * line of detail naming where and, when there is one, the fix.
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
  /** Called with backend errors that happen outside a call (a lost Redis connection, a failed sweep). */
  onError?: ((error: unknown) => void) | undefined;
  /** Unanswered questions older than this are removed (default UNANSWERED_RETENTION_DAYS). */
  unansweredRetentionDays?: number | undefined;
  /** At most this many unanswered questions are kept, the oldest go first (default UNANSWERED_MAX_ENTRIES). */
  unansweredMaxEntries?: number | undefined;
  /** How often SQLite removes expired conversations, preferences and old log entries (Redis expires keys itself). */
  sweepEveryMs?: number | undefined;
  /** SQLite: health fails below this much free space where the file lives. */
  minFreeBytes?: number | undefined;
}

export const DEFAULT_CONVERSATION_TTL_MS = 30 * 60 * 1000;
const DEFAULT_SWEEP_EVERY_MS = 10 * 60 * 1000;
/** Heartbeats expire on their own, so a process that died leaves nothing behind for long. */
const HEARTBEAT_TTL_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const SCOPE = /^[a-z][a-z0-9-]*$/;

/** The same failure repeated (every reconnection attempt) is reported once a minute. */
function throttled(report: (error: unknown) => void): (error: unknown) => void {
  const seen = new Map<string, number>();
  return (error) => {
    const key = firstLine(error);
    const now = Date.now();
    if ((seen.get(key) ?? 0) > now) return;
    if (seen.size > 100) seen.clear();
    seen.set(key, now + 60_000);
    report(error);
  };
}

function openBackend(options: StateStoreOptions, prefix: string, onError: (error: unknown) => void): Backend {
  const log: LogLimits = {
    retentionMs: (options.unansweredRetentionDays ?? UNANSWERED_RETENTION_DAYS) * DAY_MS,
    maxEntries: options.unansweredMaxEntries ?? UNANSWERED_MAX_ENTRIES,
  };
  const url = options.redisUrl;
  if (url) {
    parseRedisUrl(url);
    // Loaded only here: the terminal chat and `npm run ask` on SQLite never load the Redis client.
    const loading = import('./redis.js').then(({ redisBackend }) => redisBackend({ url, prefix, log, onError }));
    return deferredBackend('redis', redactUrl(url), loading);
  }
  return sqliteBackend({ file: sqliteFile(options.stateDir), prefix, log, minFreeBytes: options.minFreeBytes });
}

/**
 * Opens the state: a SQLite file under STATE_DIR by default, Redis when REDIS_URL is set. Throws
 * one line naming the setting or file and the fix when it cannot be opened. Every write is
 * awaited (a reply is sent only once its state is stored); close() waits for the writes in
 * flight, then closes the backend.
 */
export function openStore(options: StateStoreOptions = {}): Store {
  const prefix = options.prefix ?? 'siedlce';
  const ttl = options.conversationTtlMs ?? DEFAULT_CONVERSATION_TTL_MS;
  const onError = throttled(options.onError ?? (() => undefined));
  const backend = openBackend(options, prefix, onError);
  const state = new Keyv<unknown>({ store: backend.keyv, namespace: prefix, throwOnErrors: true });
  state.on('error', onError);

  const pending = new Set<Promise<unknown>>();
  /** Waits for the backend, then runs a write that close() will wait for. */
  const write = async <T>(work: () => Promise<T>): Promise<T> => {
    const running = backend.ready().then(work);
    pending.add(running);
    try {
      return await running;
    } finally {
      pending.delete(running);
    }
  };
  const read = async <T>(work: () => Promise<T>): Promise<T> => {
    await backend.ready();
    return work();
  };

  const userKey = (user: UserRef) => `language:${user.platform}:${user.id}`;
  const conversationKey = (session: string) => `conversation:${session}`;
  const preferenceKey = (scope: string, id: string) => {
    if (!SCOPE.test(scope)) throw new Error(`preference scope ${JSON.stringify(scope)} must match ${SCOPE}`);
    return `preference:${scope}:${id}`;
  };
  const instance = randomUUID();
  const heartbeatKey = `heartbeat:${instance}`;
  let beaten = false;

  const sweep = () => backend.sweep().catch(onError);
  const sweeper = setInterval(() => void sweep(), options.sweepEveryMs ?? DEFAULT_SWEEP_EVERY_MS);
  sweeper.unref();
  void sweep();

  const health = async (): Promise<StoreHealth> => {
    try {
      await backend.ready();
    } catch (error) {
      return { ok: false, detail: `${backend.kind} at ${backend.location}: ${firstLine(error)}` };
    }
    const beat = `${Date.now()}:${instance}`;
    try {
      beaten = true;
      await write(() => state.set(heartbeatKey, beat, HEARTBEAT_TTL_MS));
      const echoed = await state.get(heartbeatKey);
      if (echoed !== beat)
        return { ok: false, detail: `${backend.kind} at ${backend.location}: the heartbeat read back differs` };
    } catch (error) {
      return { ok: false, detail: backend.explain(error) };
    }
    try {
      const problem = await backend.check();
      if (problem) return { ok: false, detail: problem };
    } catch (error) {
      return { ok: false, detail: `${backend.kind} at ${backend.location}: ${firstLine(error)}` };
    }
    return { ok: true };
  };

  let closed: Promise<void> | undefined;

  return {
    kind: backend.kind,
    location: backend.location,
    counter: backend.counter,
    unanswered: unansweredStore(backend.log, write, read),
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
      const key = preferenceKey(scope, id);
      const stored = await read(() => state.get(key));
      return typeof stored === 'string' ? stored : undefined;
    },
    async setPreference(scope, id, value, ttlMs) {
      const key = preferenceKey(scope, id);
      if (value === undefined) await write(() => state.delete(key));
      else await write(() => state.set(key, value, ttlMs));
    },
    health,
    async ping() {
      return (await health()).ok;
    },
    close() {
      closed ??= (async () => {
        clearInterval(sweeper);
        await Promise.allSettled([...pending]);
        if (beaten) await state.delete(heartbeatKey).catch(() => undefined);
        await backend.close().catch(onError);
      })();
      return closed;
    },
  };
}

/** The state store (kept for callers that only need the state). */
export function openStateStore(options: StateStoreOptions = {}): Store {
  return openStore(options);
}
