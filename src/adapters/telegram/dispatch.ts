import type { Update } from 'telegraf/types';
import type { Logger } from '../../logger.js';
import { keyedQueue } from '../shared.js';
import { Dropped } from './pacing.js';

export type Outcome = 'handled' | 'dropped';

export interface Dispatcher {
  /**
   * Handles an update after the earlier ones of its chat: 'handled' once it is answered (or failed
   * and apologised for, or given up after the time limit), 'dropped' when shutdown interrupted it.
   * An update id seen before is not handled twice.
   */
  dispatch(update: Update): Promise<Outcome>;
  /** Update ids being handled now. */
  readonly inFlight: ReadonlySet<number>;
  /** Waits until nothing is in flight, or the time is up; returns the ids still in flight. */
  settle(ms: number): Promise<number[]>;
}

export interface DispatchOptions {
  handle(update: Update): Promise<void>;
  logger: Logger;
  /** An update not handled in this time is given up (logged), so it cannot hold the offset forever. */
  updateTimeoutMs?: number;
}

const REMEMBERED_IDS = 10_000;

/** The key whose updates must be handled in order: the chat, or the user for buttons and inline queries. */
export function orderKey(update: Update): string {
  if ('callback_query' in update) return `button:${update.callback_query.from.id}`;
  if ('inline_query' in update) return `inline:${update.inline_query.from.id}`;
  const message =
    ('message' in update && update.message) ||
    ('edited_message' in update && update.edited_message) ||
    ('channel_post' in update && update.channel_post) ||
    ('edited_channel_post' in update && update.edited_channel_post) ||
    undefined;
  return message ? `chat:${message.chat.id}` : `update:${update.update_id}`;
}

export function createDispatcher(options: DispatchOptions): Dispatcher {
  const serial = keyedQueue();
  const inFlight = new Set<number>();
  const seen = new Set<number>();
  const settled = new Set<() => void>();
  const timeoutMs = options.updateTimeoutMs ?? 120_000;

  const remember = (id: number) => {
    seen.add(id);
    if (seen.size > REMEMBERED_IDS) seen.delete(seen.values().next().value as number);
  };

  return {
    inFlight,
    async dispatch(update) {
      const id = update.update_id;
      if (seen.has(id)) return 'handled';
      remember(id);
      inFlight.add(id);
      let timer: NodeJS.Timeout | undefined;
      try {
        const work = serial(orderKey(update), () => options.handle(update)).then(
          (): Outcome => 'handled',
          (error: unknown): Outcome => {
            if (error instanceof Dropped) return 'dropped';
            options.logger.error({ err: error, updateId: id }, 'telegram: update failed');
            return 'handled';
          },
        );
        const late = new Promise<Outcome>((resolve) => {
          timer = setTimeout(() => {
            options.logger.error({ updateId: id, ms: timeoutMs }, 'telegram: update not handled in time, given up');
            resolve('handled');
          }, timeoutMs);
          timer.unref();
        });
        const outcome = await Promise.race([work, late]);
        // A dropped update may come again (the next process, or Telegram's webhook retry).
        if (outcome === 'dropped') seen.delete(id);
        return outcome;
      } finally {
        clearTimeout(timer);
        inFlight.delete(id);
        for (const wake of settled) wake();
      }
    },
    settle(ms) {
      return new Promise((resolve) => {
        const done = () => {
          if (inFlight.size > 0 && !expired) return;
          clearTimeout(timer);
          settled.delete(done);
          resolve([...inFlight]);
        };
        let expired = false;
        const timer = setTimeout(() => {
          expired = true;
          done();
        }, ms);
        settled.add(done);
        done();
      });
    },
  };
}
