import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createClient } from '@keyv/redis';
import type { IIdentifyThrottler } from 'discord.js';
import type { BuildIdentifyThrottler } from './client.js';

/**
 * A lease per shard, so that one shard is connected by one process at a time and no event is
 * answered twice: a rolling deploy's new process waits until the old one lets go (or its lease
 * expires, if it crashed).
 */
export interface ShardLeases {
  /** Who this process is in the leases ("host:pid:random"). */
  readonly owner: string;
  /**
   * Resolves once every shard is leased to this process, taking them in ascending order (so two
   * processes wanting overlapping shards never hold half each). `waiting` is called while a shard
   * is held elsewhere.
   */
  acquire(shards: number[], waiting: (shard: number) => void, signal: AbortSignal): Promise<void>;
  /** True while this process's lease on the shard is sure to be valid (checked before answering). */
  holds(shard: number): boolean;
  /** Called once when a lease is lost (taken by another process, or not renewed in time). */
  onLost(listener: (shard: number) => void): void;
  /** Lets every lease go, so a waiting process takes over at once. */
  release(): Promise<void>;
  /**
   * Discord allows `max_concurrency` IDENTIFYs per 5 s for the whole bot, not per process: with
   * several processes the wait is shared through Redis (discord.js's own throttler counts only its
   * own shards). Undefined: discord.js's in-process throttler.
   */
  readonly identifyThrottler?: BuildIdentifyThrottler | undefined;
}

/** One process alone (no Redis): it holds every shard. */
export function localLeases(): ShardLeases {
  return {
    owner: 'local',
    acquire: async () => undefined,
    holds: () => true,
    onLost: () => undefined,
    release: async () => undefined,
  };
}

/** Discord's identify window: `max_concurrency` IDENTIFYs per 5 s. */
const IDENTIFY_WINDOW_MS = 5000;

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface RedisLeaseOptions {
  url: string;
  /** Key prefix (the store's), so deployments on one Redis do not meet. */
  prefix: string;
  ttlMs: number;
}

class RedisUnreachableError extends Error {
  constructor(ms: number) {
    super(
      `shard leases: Redis at REDIS_URL could not be reached for ${ms / 1000} s, so this process cannot know which shards are its own; check that Redis is running and reachable`,
    );
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Leases in Redis: `SET key owner NX PX ttl` takes one, a script renews it every third of the
 * ttl only while it is still ours, and another deletes it only if it is ours. A lease counts as
 * held until its last renewal plus the ttl, less a margin for clock drift, so a process that
 * cannot reach Redis stops answering before another can take over.
 */
export function redisLeases(options: RedisLeaseOptions): ShardLeases {
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 5000, reconnectStrategy: (attempts) => Math.min(2 ** attempts * 100, 2000) },
  });
  client.on('error', () => undefined);
  const connected = client.connect();
  const key = (shard: number) => `${options.prefix}:discord:shard-lease:${shard}`;
  const renewedAt = new Map<number, number>();
  const listeners: ((shard: number) => void)[] = [];
  const margin = Math.min(1000, options.ttlMs / 5);
  let timer: NodeJS.Timeout | undefined;

  const lose = (shard: number) => {
    if (!renewedAt.delete(shard)) return;
    for (const listener of listeners) listener(shard);
  };

  const renew = async () => {
    for (const shard of [...renewedAt.keys()]) {
      const started = Date.now();
      try {
        const kept = await client.eval(RENEW, { keys: [key(shard)], arguments: [owner, String(options.ttlMs)] });
        if (kept === 1) renewedAt.set(shard, started);
        else lose(shard);
      } catch {
        // Redis is away: the lease stays ours until it would expire, then it is lost.
        if (Date.now() - (renewedAt.get(shard) ?? 0) > options.ttlMs - margin) lose(shard);
      }
    }
  };

  const startRenewing = () => {
    timer ??= setInterval(() => void renew(), Math.max(100, Math.floor(options.ttlMs / 3)));
  };

  const identifyThrottler = async (manager: Parameters<BuildIdentifyThrottler>[0]): Promise<IIdentifyThrottler> => {
    const { session_start_limit: limit } = await manager.fetchGatewayInformation();
    const buckets = Math.max(1, limit.max_concurrency);
    return {
      async waitForIdentify(shardId, signal) {
        await connected;
        const bucket = `${options.prefix}:discord:identify:${shardId % buckets}`;
        while (!signal.aborted) {
          const taken = await client.set(bucket, owner, { NX: true, PX: IDENTIFY_WINDOW_MS }).catch(() => null);
          if (taken === 'OK') return;
          const left = await client.pTTL(bucket).catch(() => IDENTIFY_WINDOW_MS);
          await sleep(Math.max(50, Math.min(IDENTIFY_WINDOW_MS, left)), signal);
        }
        throw new Error('stopped while waiting to identify');
      },
    };
  };

  return {
    owner,
    identifyThrottler,
    async acquire(shards, waiting, signal) {
      // Waiting for another process's lease may take any time; Redis being away may not: past one
      // lease period no lease can be taken or trusted, so start-up ends with a line naming Redis.
      let unreachableSince: number | undefined;
      const unreachable = () => {
        unreachableSince ??= Date.now();
        if (Date.now() - unreachableSince >= options.ttlMs) throw new RedisUnreachableError(options.ttlMs);
      };
      // Past one lease period without a connection, the attempts below say Redis is unreachable.
      const connecting = new AbortController();
      await Promise.race([connected, sleep(options.ttlMs, AbortSignal.any([signal, connecting.signal]))]);
      connecting.abort();
      for (const shard of [...shards].sort((a, b) => a - b)) {
        let told = false;
        while (!signal.aborted) {
          const started = Date.now();
          const taken = await client.set(key(shard), owner, { NX: true, PX: options.ttlMs }).catch(() => undefined);
          if (taken === 'OK') {
            renewedAt.set(shard, started);
            startRenewing();
            break;
          }
          if (taken === undefined) unreachable();
          else {
            unreachableSince = undefined;
            if (!told) waiting(shard);
            told = true;
          }
          await sleep(Math.max(50, Math.min(1000, Math.floor(options.ttlMs / 5))), signal);
        }
      }
      if (signal.aborted) throw new Error('stopped while waiting for a shard lease');
    },
    holds(shard) {
      const at = renewedAt.get(shard);
      return at !== undefined && Date.now() - at < options.ttlMs - margin;
    },
    onLost(listener) {
      listeners.push(listener);
    },
    async release() {
      if (timer) clearInterval(timer);
      timer = undefined;
      const held = [...renewedAt.keys()];
      renewedAt.clear();
      // A Redis that never answered holds nothing of ours: waiting for it would never end.
      if (!client.isReady) {
        client.destroy();
        return;
      }
      await Promise.allSettled(held.map((shard) => client.eval(RELEASE, { keys: [key(shard)], arguments: [owner] })));
      await client.quit().catch(() => client.destroy());
    },
  };
}
