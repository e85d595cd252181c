import { setTimeout as sleep } from 'node:timers/promises';
import { type Telegram, TelegramError } from 'telegraf';
import type { Logger } from '../../logger.js';

export interface ResilienceOptions {
  /** Retries of one call after a 429 before giving up. */
  maxRetries?: number;
  /** A 429 asking to wait longer than this is not retried. */
  maxRetryAfterSeconds?: number;
  /** Waits between attempts (replaceable in tests). */
  wait?: (seconds: number) => Promise<unknown>;
}

const WRAPPED = Symbol('siedlce.resilient');

/**
 * Makes one Telegram client's calls resilient: a 429 is retried after `retry_after` (a bounded
 * number of times, for a bounded wait), and a chat that refuses our messages (403: the user blocked
 * the bot, or it was removed from a group) is logged and skipped. telegraf's own getUpdates loop
 * keeps its own retries. Everything else throws, to `bot.catch`.
 */
export function makeResilient(telegram: Telegram, logger: Logger, options: ResilienceOptions = {}): Telegram {
  const target = telegram as Telegram & { [WRAPPED]?: true };
  if (target[WRAPPED]) return telegram;
  target[WRAPPED] = true;
  const maxRetries = options.maxRetries ?? 3;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 60;
  const wait = options.wait ?? ((seconds: number) => sleep(seconds * 1000));
  const call = telegram.callApi.bind(telegram);

  const resilient = async (...args: Parameters<typeof call>) => {
    const [method, payload] = args;
    if (method === 'getUpdates') return call(...args);
    for (let attempt = 0; ; attempt++) {
      try {
        return await call(...args);
      } catch (error) {
        if (!(error instanceof TelegramError)) throw error;
        const chat = (payload as { chat_id?: unknown } | undefined)?.chat_id;
        if (error.code === 429) {
          const retryAfter = error.parameters?.retry_after ?? 1;
          if (attempt >= maxRetries || retryAfter > maxRetryAfter) {
            logger.warn({ method, chat, retryAfter, attempt }, 'telegram: flood limit, giving up');
            throw error;
          }
          logger.info({ method, chat, retryAfter, attempt }, 'telegram: flood limit, retrying');
          await wait(retryAfter);
          continue;
        }
        if (error.code === 403) {
          logger.warn({ method, chat, description: error.description }, 'telegram: chat refuses messages, skipped');
          return undefined as unknown as Awaited<ReturnType<typeof call>>;
        }
        throw error;
      }
    }
  };
  telegram.callApi = resilient as typeof telegram.callApi;
  return telegram;
}
