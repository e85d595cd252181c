import { TelegramError } from 'telegraf';
import type { Logger } from '../../logger.js';

/** A call given up because the adapter is stopping; its update is not confirmed, so it comes again. */
export class Dropped extends Error {
  override name = 'Dropped';
}

export interface Window {
  count: number;
  ms: number;
}

export interface PacingOptions {
  /** At least this long between two messages to one chat (Telegram: about 1 a second). */
  perChatIntervalMs?: number;
  /** At most this many messages to one group in the window (Telegram: 20 a minute). */
  perGroup?: Window;
  /** At most this many messages in all in the window (Telegram: 30 a second). */
  overall?: Window;
  /** A 429 asking to wait longer than this is not retried: the call fails. */
  maxRetryAfterSeconds?: number;
  /** Callback answers and inline answers are retried only for waits up to this (the client gives up). */
  quickRetrySeconds?: number;
}

export const DEFAULT_PACING = {
  perChatIntervalMs: 1000,
  perGroup: { count: 20, ms: 60_000 },
  overall: { count: 30, ms: 1000 },
  maxRetryAfterSeconds: 60,
  quickRetrySeconds: 3,
} satisfies Required<PacingOptions>;

interface ChatLane {
  tail: Promise<unknown>;
  /** No message to this chat before this time (the interval, or a 429's retry_after). */
  nextAt: number;
  /** Send times still inside the group window. */
  recent: number[];
  queued: number;
}

export interface Pacer {
  /** Runs a call that posts or edits a message in its chat's turn, and retries it after a 429. */
  message<T>(chat: string | number | undefined, method: string, attempt: () => Promise<T>): Promise<T>;
  /** Runs a call that must be quick (callback or inline answers): short flood waits only. */
  quick<T>(method: string, attempt: () => Promise<T>): Promise<T>;
  /** Calls waiting for their turn now. */
  readonly waiting: number;
  /** Stopping: every waiting call fails with Dropped, and so does every new one. */
  abort(): void;
}

const isGroup = (chat: string | number | undefined) =>
  typeof chat === 'string' ? !/^\d+$/.test(chat) : typeof chat === 'number' && chat < 0;

/**
 * Paces what goes out to Telegram's flood limits: one queue a chat, so a chat waiting out a 429
 * (or its own interval) holds nobody else; the overall window is taken only at the moment of
 * sending, so waiting retries hold no slot other users need.
 */
export function createPacer(logger: Logger, options: PacingOptions = {}): Pacer {
  const settings = { ...DEFAULT_PACING, ...options };
  const lanes = new Map<string, ChatLane>();
  const overall: number[] = [];
  const controller = new AbortController();
  let waiting = 0;

  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      if (controller.signal.aborted) return reject(new Dropped('stopping'));
      const timer = setTimeout(() => {
        controller.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(new Dropped('stopping'));
      };
      controller.signal.addEventListener('abort', onAbort, { once: true });
    });

  const windowWait = (times: number[], window: Window, now: number) => {
    while (times.length > 0 && (times[0] as number) <= now - window.ms) times.shift();
    return times.length >= window.count ? (times[times.length - window.count] as number) + window.ms - now : 0;
  };

  /** Waits until this lane and the overall window allow a message, then books it. */
  const turn = async (lane: ChatLane | undefined, group: boolean) => {
    for (;;) {
      if (controller.signal.aborted) throw new Dropped('stopping');
      const now = performance.now();
      const wait = Math.max(
        lane ? lane.nextAt - now : 0,
        lane && group ? windowWait(lane.recent, settings.perGroup, now) : 0,
        windowWait(overall, settings.overall, now),
      );
      if (wait <= 0) {
        overall.push(now);
        if (lane) {
          lane.nextAt = now + settings.perChatIntervalMs;
          if (group) lane.recent.push(now);
        }
        return;
      }
      await sleep(wait);
    }
  };

  const attempts = async <T>(
    lane: ChatLane | undefined,
    group: boolean,
    method: string,
    chat: unknown,
    attempt: () => Promise<T>,
    maxWaitSeconds: number,
  ): Promise<T> => {
    for (let retry = 0; ; retry++) {
      await turn(lane, group);
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof TelegramError) || error.code !== 429) throw error;
        const retryAfter = error.parameters?.retry_after ?? 1;
        if (retryAfter > maxWaitSeconds) {
          logger.warn({ method, chat, retryAfter, retry }, 'telegram: flood limit, not retried (wait too long)');
          throw error;
        }
        logger.info({ method, chat, retryAfter, retry }, 'telegram: flood limit, waiting');
        // The whole chat waits (Telegram counts it per chat); without a chat, this call alone.
        if (lane) lane.nextAt = Math.max(lane.nextAt, performance.now() + retryAfter * 1000);
        else await sleep(retryAfter * 1000);
      }
    }
  };

  const sweep = () => {
    if (lanes.size < 10_000) return;
    const now = performance.now();
    for (const [key, lane] of lanes) {
      if (lane.queued === 0 && lane.nextAt < now && windowWait(lane.recent, settings.perGroup, now) === 0) {
        lanes.delete(key);
      }
    }
  };

  return {
    get waiting() {
      return waiting;
    },
    message(chat, method, attempt) {
      const key = String(chat ?? '');
      let lane = lanes.get(key);
      if (!lane) {
        sweep();
        lane = { tail: Promise.resolve(), nextAt: 0, recent: [], queued: 0 };
        lanes.set(key, lane);
      }
      const current = lane;
      current.queued++;
      waiting++;
      const run = current.tail.then(() =>
        attempts(current, isGroup(chat), method, chat, attempt, settings.maxRetryAfterSeconds),
      );
      current.tail = run.catch(() => undefined);
      void current.tail.then(() => {
        current.queued--;
        waiting--;
      });
      return run;
    },
    quick(method, attempt) {
      return attempts(undefined, false, method, undefined, attempt, settings.quickRetrySeconds);
    },
    abort() {
      controller.abort();
    },
  };
}
