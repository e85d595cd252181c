import type { RateLimiter, UserRef } from './types.js';

/** Counts hits on a key within a window that starts at the key's first hit. */
export interface RateCounter {
  /** Adds one hit and returns how many the key has in its current window (1 for the first). */
  hit(key: string, windowMs: number): Promise<number>;
}

/** Counters in this process: enough for one process with SQLite. Expired windows are swept. */
export function memoryCounter(now: () => number = Date.now): RateCounter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  let nextSweep = 0;
  return {
    async hit(key, windowMs) {
      const time = now();
      if (time >= nextSweep) {
        for (const [stale, window] of windows) if (window.endsAt <= time) windows.delete(stale);
        nextSweep = time + windowMs;
      }
      const window = windows.get(key);
      if (!window || window.endsAt <= time) {
        windows.set(key, { count: 1, endsAt: time + windowMs });
        return 1;
      }
      window.count += 1;
      return window.count;
    },
  };
}

/** The subset of a node-redis client the counter uses. */
export interface RedisEval {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// INCR and the expiry of the first hit in one atomic step, so processes sharing Redis agree.
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** Counters in Redis, shared by every process using it (Discord shards, Telegram replicas). */
export function redisCounter(client: () => Promise<RedisEval>, prefix: string): RateCounter {
  return {
    async hit(key, windowMs) {
      const redis = await client();
      return Number(await redis.eval(HIT, { keys: [`${prefix}${key}`], arguments: [String(windowMs)] }));
    },
  };
}

export interface RateLimiterOptions {
  counter: RateCounter;
  /** Questions allowed per window. */
  limit: number;
  windowMs: number;
}

/**
 * Per user across adapters: `limit` questions per window are allowed, the next one is refused
 * (the assistant answers it once, politely), and the rest are ignored until the window passes.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  return {
    async take(user: UserRef) {
      const count = await options.counter.hit(`${user.platform}:${user.id}`, options.windowMs);
      if (count <= options.limit) return 'allow';
      return count === options.limit + 1 ? 'refuse' : 'ignore';
    },
  };
}
