import { randomUUID } from 'node:crypto';
import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import { type Backend, firstLine, type LogBackend, type LogLimits } from './backend.js';
import { redisCounter } from './rate-limit.js';
import { parseRedisUrl, redactUrl } from './redis-url.js';
import { type UnansweredEntry, UnansweredEntrySchema } from './types.js';

/** How long a question waits for a lost Redis connection to come back before it fails. */
const REDIS_WAIT_MS = 3000;

const newClient = (url: string) =>
  createClient({
    url,
    // While Redis is away a question fails at once (the adapter apologises) instead of hanging.
    disableOfflineQueue: true,
    socket: { connectTimeout: 5000, reconnectStrategy: (attempts) => Math.min(2 ** attempts * 100, 2000) },
  });
type RedisClient = ReturnType<typeof newClient>;

interface Connection {
  client: RedisClient;
  /** Resolves when commands can be sent; rejects after REDIS_WAIT_MS, or once closing. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

function connect(url: string, onError: (error: unknown) => void): Connection {
  const client = newClient(url);
  let closing = false;
  const closedError = () => new Error('the state store is closed');
  client.on('error', onError);
  // A connection attempt under way when the store is closed still ends in 'ready' (and keyv
  // reconnects a closed client by itself): it is closed as soon as it gets there.
  client.on('ready', () => {
    if (closing) void client.close().catch(onError);
  });
  client.connect().catch(onError);
  // Every caller waiting for the connection shares one wait (and one 'ready' listener).
  let waiting: Promise<void> | undefined;
  const ready = async () => {
    if (closing) throw closedError();
    if (client.isReady) return;
    waiting ??= new Promise<void>((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        client.off('ready', onReady);
        reject(new Error(`Redis cannot be reached (waited ${REDIS_WAIT_MS} ms)`));
      }, REDIS_WAIT_MS);
      client.once('ready', onReady);
    }).finally(() => {
      waiting = undefined;
    });
    await waiting;
    if (closing) throw closedError();
  };
  const close = async () => {
    closing = true;
    if (client.isReady) await client.close();
    else if (client.isOpen) client.destroy();
  };
  return { client, ready, close };
}

// One sorted set scored by the time of each entry: adding, dropping what is past the retention,
// and cutting to the cap happen in one atomic step, so the log is bounded at every write and
// processes sharing the Redis never trim each other's view half-way.
const APPEND = `redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
local n = redis.call('ZCARD', KEYS[1])
local cap = tonumber(ARGV[4])
if n > cap then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - cap - 1) end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return n`;

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&');
const scoreOf = (entry: UnansweredEntry) => {
  const time = Date.parse(entry.at);
  return Number.isFinite(time) ? time : Date.now();
};

/** The log as one bounded sorted set `<prefix>:unanswered-log`, members the entries as JSON. */
function redisLog(client: RedisClient, ready: () => Promise<void>, prefix: string, limits: LogLimits): LogBackend {
  const key = `${prefix}:unanswered-log`;
  const add = async (entry: UnansweredEntry) => {
    const member = JSON.stringify({ ...entry, id: randomUUID() });
    await client.eval(APPEND, {
      keys: [key],
      arguments: [
        String(scoreOf(entry)),
        member,
        String(Date.now() - limits.retentionMs),
        String(limits.maxEntries),
        String(limits.retentionMs),
      ],
    });
  };
  // Entries written before the sorted set were one keyv key each (`<prefix>:unanswered::…`).
  const migrateLegacy = async () => {
    const deserialize = new Keyv().deserialize;
    for await (const keys of client.scanIterator({ MATCH: `${escapeGlob(prefix)}:unanswered::*`, COUNT: 500 })) {
      if (keys.length === 0) continue;
      const values = await client.mGet(keys);
      for (const value of values) {
        const stored = value && deserialize ? await deserialize<unknown>(value) : undefined;
        const entry = UnansweredEntrySchema.safeParse(stored?.value);
        if (entry.success) await add(entry.data);
      }
      await client.del(keys);
    }
  };
  return {
    async append(entry) {
      await ready();
      await add(entry);
    },
    async list() {
      await ready();
      await migrateLegacy();
      await client.zRemRangeByScore(key, '-inf', `(${Date.now() - limits.retentionMs}`);
      const entries: UnansweredEntry[] = [];
      for (const member of await client.zRange(key, 0, -1)) {
        try {
          const entry = UnansweredEntrySchema.safeParse(JSON.parse(member));
          if (entry.success) entries.push(entry.data);
        } catch {
          // A member that is not JSON was not written by this store: skipped.
        }
      }
      return entries;
    },
  };
}

export interface RedisBackendOptions {
  url: string;
  prefix: string;
  log: LogLimits;
  onError: (error: unknown) => void;
}

export function redisBackend(options: RedisBackendOptions): Backend {
  parseRedisUrl(options.url);
  const location = redactUrl(options.url);
  const connection = connect(options.url, options.onError);
  const { client, ready } = connection;
  return {
    kind: 'redis',
    location,
    keyv: new KeyvRedis(client, { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: 5000 }),
    log: redisLog(client, ready, options.prefix, options.log),
    counter: redisCounter(async () => {
      await ready();
      return client;
    }, `${options.prefix}:rate:`),
    ready,
    // Memory is bounded by the keys' expiry and the log's cap; a Redis refusing writes (maxmemory
    // with noeviction, a read-only replica) fails the heartbeat itself.
    check: async () => undefined,
    explain: (error) => `Redis at ${location} failed the heartbeat (${firstLine(error)})`,
    // Redis expires conversations itself (PX on each key); the log is trimmed at every write.
    sweep: async () => undefined,
    close: connection.close,
  };
}
