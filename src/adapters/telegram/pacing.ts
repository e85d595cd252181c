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

/**
 * A message in a window, until its call has returned. Telegram counts a message when it arrives,
 * somewhere between sending and the answer: counting it until the answer plus the window keeps
 * every window Telegram sees within its limit, however long a request took on its way.
 */
interface Booking {
  /** When the call returned; Infinity while it is on its way. */
  end: number;
}

interface ChatLane {
  tail: Promise<unknown>;
  /** No message to this chat before this time (the interval after the last answer, or a 429's retry_after). */
  nextAt: number;
  /** Messages still inside the group window. */
  recent: Booking[];
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

/** How often a full window is looked at again while its oldest calls are still on their way. */
const ON_THE_WAY_POLL_MS = 20;

const isGroup = (chat: string | number | undefined) =>
  typeof chat === 'string' ? !/^\d+$/.test(chat) : typeof chat === 'number' && chat < 0;

/**
 * Paces what goes out to Telegram's flood limits: one queue a chat, so a chat waiting out a 429
 * (or its own interval) holds nobody else; the overall window is taken only at the moment of
 * sending, so waiting retries hold no slot other users need. Intervals and windows run from each
 * call's answer, not its start, so a slow network cannot bunch messages up where Telegram counts.
 */
export function createPacer(logger: Logger, options: PacingOptions = {}): Pacer {
  const settings = { ...DEFAULT_PACING, ...options };
  const lanes = new Map<string, ChatLane>();
  const overall: Booking[] = [];
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

  /** How long until the window has room; calls still on their way make it wait for their answers. */
  const windowWait = (bookings: Booking[], window: Window, now: number) => {
    for (let index = bookings.length - 1; index >= 0; index--) {
      if ((bookings[index] as Booking).end <= now - window.ms) bookings.splice(index, 1);
    }
    if (bookings.length < window.count) return 0;
    const ends = bookings.map((booking) => booking.end).sort((a, b) => a - b);
    const freeing = ends[bookings.length - window.count] as number;
    return Number.isFinite(freeing) ? freeing + window.ms - now : ON_THE_WAY_POLL_MS;
  };

  /** Waits until this lane and the overall window allow a message, then books it until it returns. */
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
        const booking: Booking = { end: Number.POSITIVE_INFINITY };
        overall.push(booking);
        if (lane) {
          lane.nextAt = Number.POSITIVE_INFINITY;
          if (group) lane.recent.push(booking);
        }
        return () => {
          booking.end = performance.now();
          if (lane) lane.nextAt = booking.end + settings.perChatIntervalMs;
        };
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
      const returned = await turn(lane, group);
      try {
        const result = await attempt();
        returned();
        return result;
      } catch (error) {
        returned();
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
