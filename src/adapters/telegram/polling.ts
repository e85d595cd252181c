import type { Telegram } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../logger.js';
import type { AdapterHealth } from '../adapter.js';
import type { Dispatcher } from './dispatch.js';
import { type BackoffOptions, backoff, callSignal, classify, pause } from './failures.js';

export interface PollingOptions {
  /** The plain client (no pacing): getUpdates and deleteWebhook. */
  telegram: Telegram;
  dispatcher: Dispatcher;
  allowedUpdates: readonly string[];
  /** Long-poll timeout of one getUpdates, in seconds. */
  timeoutSeconds: number;
  /** Health turns `down` after no successful getUpdates for the timeout plus this. */
  marginSeconds?: number;
  backoff?: BackoffOptions;
  logger: Logger;
  token: string;
  report(health: AdapterHealth): void;
  fatal(line: string): void;
}

export interface Polling {
  health(): AdapterHealth;
  /**
   * Stops fetching, gives the updates being handled `deadlineMs` to finish, then calls `interrupt`
   * (which makes the rest fail fast) and confirms to Telegram every update that was handled.
   * Returns the ids of the updates dropped: they were not confirmed, so they come again.
   */
  stop(deadlineMs: number, interrupt: () => void): Promise<number[]>;
}

const BATCH = 100;
/** While an update is still being handled, look for new ones at most this often. */
const BUSY_POLL_MS = 500;
const WATCHDOG_MS = 2000;
/** An empty long poll answered sooner than this was not a long poll: wait this long before the next. */
const EARLY_EMPTY_MS = 250;

/**
 * Long polling of our own, so that the offset means "everything below it is answered": an update
 * is confirmed to Telegram (by asking for an offset above it) only once it and every update before
 * it have been handled. Until then it comes back in each batch and is skipped as known; a crash
 * before it is answered makes Telegram deliver it to the next process (at least once).
 *
 * Failures never end the loop except a refused token: 409 Conflict (another poller, a webhook),
 * 5xx, 429 and network errors are logged, shown in health and retried with backoff.
 */
export function startPolling(options: PollingOptions): Polling {
  const { telegram, dispatcher, logger } = options;
  const margin = options.marginSeconds ?? 10;
  const requestMs = (options.timeoutSeconds + margin) * 1000;
  const retry = backoff(options.backoff);
  const controller = new AbortController();
  const known = new Set<number>();
  const handling = new Map<number, Promise<void>>();
  const dropped: number[] = [];
  let next: number | undefined;
  let stopping = false;
  let lastSuccess = performance.now();
  // getMe has just accepted the token: ready until a call says otherwise (a long poll may take 30 s).
  let state: AdapterHealth = { status: 'ready' };
  let wake: (() => void) | undefined;

  const health = (): AdapterHealth => {
    const silentFor = (performance.now() - lastSuccess) / 1000;
    if (state.status !== 'down' && silentFor > options.timeoutSeconds + margin && !stopping) {
      return { status: 'down', detail: `no successful getUpdates for ${Math.round(silentFor)} s` };
    }
    return state;
  };
  let reported = '';
  const report = () => {
    const now = health();
    const key = `${now.status}|${now.detail ?? ''}`;
    if (key === reported) return;
    reported = key;
    options.report(now);
  };
  report();
  const watchdog = setInterval(report, WATCHDOG_MS);
  watchdog.unref();

  const call = <T>(method: string, payload: Record<string, unknown>): Promise<T> =>
    telegram.callApi(method as 'getUpdates', payload as never, {
      signal: callSignal(AbortSignal.any([controller.signal, AbortSignal.timeout(requestMs)])),
    }) as Promise<T>;

  const succeeded = () => {
    lastSuccess = performance.now();
    retry.reset();
    if (state.status === 'down') logger.info('telegram: polling recovered');
    state = { status: 'ready' };
    report();
  };

  /** Waits before the next attempt; false when it is over (stopping, or the token is refused). */
  const failed = async (method: string, error: unknown): Promise<boolean> => {
    if (stopping) return false;
    const failure = classify(method, error, options.token);
    if (failure.kind === 'fatal') {
      stopping = true;
      state = { status: 'down', detail: failure.line };
      report();
      options.fatal(failure.line);
      return false;
    }
    const waitMs = failure.kind === 'flood' ? failure.retryAfterSeconds * 1000 : retry.next();
    state = { status: 'down', detail: failure.detail };
    report();
    logger.warn({ detail: failure.detail, retryInMs: waitMs }, 'telegram: polling failed, retrying');
    await pause(waitMs, controller.signal);
    return !stopping;
  };

  /** Updates confirmed before they were handled, to fetch past a batch that was all still waiting. */
  const early = new Set<number>();

  /** The offset to ask for: the oldest update not yet handled, else the one after the newest. */
  const floor = () => {
    let oldest: number | undefined;
    for (const id of handling.keys()) if (!early.has(id) && (oldest === undefined || id < oldest)) oldest = id;
    return oldest ?? next;
  };

  const take = (update: Update) => {
    const id = update.update_id;
    if (next === undefined || id >= next) next = id + 1;
    if (known.has(id)) return;
    known.add(id);
    const work = dispatcher.dispatch(update).then((outcome) => {
      if (outcome === 'dropped' && !early.has(id)) dropped.push(id);
      else if (outcome === 'dropped')
        logger.error({ updateId: id }, 'telegram: update lost at shutdown (confirmed early)');
      if (outcome === 'handled' || early.has(id)) handling.delete(id);
      early.delete(id);
      wake?.();
    });
    handling.set(id, work);
  };

  const loop = async () => {
    // getUpdates is refused while a webhook is set: remove it first (its pending updates stay).
    for (;;) {
      try {
        await call('deleteWebhook', { drop_pending_updates: false });
        break;
      } catch (error) {
        if (!(await failed('deleteWebhook', error))) return;
      }
    }
    while (!stopping) {
      const offset = floor();
      let updates: Update[];
      const asked = performance.now();
      // Updates still held unconfirmed come back at once: no long poll then.
      const longPoll = floor() === next;
      try {
        updates = await call<Update[]>('getUpdates', {
          ...(offset !== undefined ? { offset } : {}),
          limit: BATCH,
          // Busy: come back soon, there are updates Telegram will send again anyway.
          timeout: longPoll ? options.timeoutSeconds : 0,
          allowed_updates: options.allowedUpdates,
        });
      } catch (error) {
        if (!(await failed('getUpdates', error))) return;
        continue;
      }
      succeeded();
      const fresh = updates.filter((update) => !known.has(update.update_id)).length;
      for (const update of updates) take(update);
      if (updates.length >= BATCH && fresh === 0) {
        // A full batch of updates all still being handled (one chat flooded, waiting out a 429):
        // Telegram would send only these again and again, and no one else would be heard. Confirm
        // them now — the explicit, bounded exception to at-least-once: only these could be lost.
        const waiting = [...handling.keys()].filter((id) => !early.has(id));
        for (const id of waiting) early.add(id);
        logger.warn(
          { updates: waiting.length },
          'telegram: a full batch is still being handled; confirming it to read on',
        );
      }
      // A Bot API that ignores the long-poll timeout (an emulator, a proxy) must not make us spin.
      if (longPoll && updates.length === 0 && performance.now() - asked < EARLY_EMPTY_MS) {
        await pause(EARLY_EMPTY_MS, controller.signal);
      }
      const confirmed = floor();
      if (confirmed !== undefined) for (const id of known) if (id < confirmed) known.delete(id);
      if (floor() !== next) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), pause(BUSY_POLL_MS, controller.signal)]);
        wake = undefined;
      }
    }
  };
  const running = loop().catch((error: unknown) => {
    // Not expected: every failure is handled above. Never a silent end of polling.
    logger.error({ err: error }, 'telegram: polling loop failed');
    if (!stopping) options.fatal(`Telegram polling stopped: ${error instanceof Error ? error.message : String(error)}`);
  });

  return {
    health,
    async stop(deadlineMs, interrupt) {
      stopping = true;
      clearInterval(watchdog);
      controller.abort();
      await running;
      const left = await dispatcher.settle(deadlineMs);
      if (left.length > 0) interrupt();
      await Promise.allSettled([...handling.values()]);
      const offset = floor();
      if (offset !== undefined) {
        // Confirms what was handled, so a restart does not answer it again.
        await telegram
          .callApi('getUpdates', { offset, limit: 1, timeout: 0, allowed_updates: options.allowedUpdates } as never, {
            signal: callSignal(AbortSignal.timeout(2000)),
          })
          .catch((error: unknown) => logger.warn({ err: error }, 'telegram: could not confirm the last updates'));
      }
      return [...dropped].sort((a, b) => a - b);
    },
  };
}
