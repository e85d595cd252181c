import { TelegramError } from 'telegraf';

/** The one line an operator gets when Telegram refuses the token. */
export const TOKEN_REJECTED = 'TELEGRAM_TOKEN was rejected (401): get a new one from @BotFather';

export const NO_SUCH_BOT =
  'TELEGRAM_TOKEN or TELEGRAM_API_ROOT is wrong (getMe: 404 Not Found): copy the token from @BotFather, check the API address';

/** What to do about a failed Bot API call. */
export type Failure =
  /** The token is refused: nothing will work until a person changes it. */
  | { kind: 'fatal'; line: string }
  /** Telegram asks to wait this long before calling again. */
  | { kind: 'flood'; retryAfterSeconds: number; detail: string }
  /** An outage, a conflict or a lost connection: try again later. */
  | { kind: 'transient'; detail: string };

/** Sorts a failed call into fatal, flood or transient, with one line saying what happened. */
export function classify(method: string, error: unknown, token?: string): Failure {
  if (error instanceof TelegramError) {
    const detail = `${method}: ${error.code} ${error.description}`;
    if (error.code === 401) return { kind: 'fatal', line: TOKEN_REJECTED };
    // Telegram answers 404 to a token that is not even shaped like one (and so does a wrong API root).
    if (error.code === 404 && method === 'getMe') return { kind: 'fatal', line: NO_SUCH_BOT };
    if (error.code === 429) return { kind: 'flood', retryAfterSeconds: error.parameters?.retry_after ?? 1, detail };
    return { kind: 'transient', detail };
  }
  const message = error instanceof Error ? error.message : String(error);
  const clean = token ? message.split(token).join('[redacted]') : message;
  return { kind: 'transient', detail: `${method}: ${clean}` };
}

export const isTokenRejected = (error: unknown): boolean => error instanceof TelegramError && error.code === 401;

export const isFlood = (error: unknown): boolean => error instanceof TelegramError && error.code === 429;

export interface Backoff {
  /** The wait before the next attempt (grows after each failure, with jitter). */
  next(): number;
  reset(): void;
}

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
}

/** Exponential backoff from `initialMs` doubling up to `maxMs`, ±20% jitter so replicas spread out. */
export function backoff(options: BackoffOptions = {}): Backoff {
  const initial = options.initialMs ?? 1000;
  const max = options.maxMs ?? 30_000;
  let failures = 0;
  return {
    next() {
      const base = Math.min(max, initial * 2 ** failures);
      failures++;
      return Math.round(base * (0.8 + Math.random() * 0.4));
    },
    reset() {
      failures = 0;
    },
  };
}

/** A wait that ends early, without error, when the signal aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** telegraf types its signal with the old abort-controller package; node-fetch takes Node's own. */
export type CallSignal = NonNullable<Parameters<import('telegraf').Telegram['callApi']>[2]>['signal'];
export const callSignal = (signal: AbortSignal) => signal as unknown as CallSignal;
