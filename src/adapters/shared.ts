import pino from 'pino';
import type { Logger } from '../logger.js';

/** Runs tasks of one key one after another; tasks of different keys run side by side. */
export type Serial = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/** A queue per key, so the questions of one conversation are answered in the order they came. */
export function keyedQueue(): Serial {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

/**
 * An adapter's logger: errors are serialised with the bot token scrubbed from every field. A failed
 * request's message and stack may carry the API URL, and Telegram's URL carries the token.
 */
export function adapterLogger(logger: Logger, adapter: string, token: string): Logger {
  const scrub = (error: unknown) => {
    const serialised = JSON.stringify(pino.stdSerializers.err(error as Error));
    return JSON.parse(serialised.split(token).join('[redacted]')) as unknown;
  };
  return logger.child({ adapter }, { serializers: { err: scrub } });
}
