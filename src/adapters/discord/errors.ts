import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { CallbackWindowClosed } from './client.js';

/**
 * What a failed Discord request may say in a log: its code, status, method and route. Never its URL
 * (an interaction's URL holds its token, a 15-minute webhook credential) nor its body (the answer).
 */
export interface RequestFailure {
  code: number | string | undefined;
  status: number | undefined;
  method: string | undefined;
  route: string | undefined;
}

/** Unknown interaction: the 3 s (or 15 min) window passed. Already acknowledged: another answer won. */
export const EXPECTED_CODES = new Set([10062, 40060]);

/** A route with its ids and tokens replaced by placeholders. */
export function routeOf(url: string): string {
  const path = url
    .replace(/^https?:\/\/[^/]+/, '')
    .replace(/\?.*$/, '')
    .replace(/^(\/[^/]+)*?\/api(\/v\d+)?(?=\/)/, '');
  return path.replace(/\/(interactions|webhooks)\/(\d+)\/[^/]+/, '/$1/:id/:token').replace(/\/\d{5,}/g, '/:id');
}

/** Any interaction or webhook token in a text, replaced. */
const withoutTokens = (text: string): string =>
  text.replace(/\/(interactions|webhooks)\/(\d+)\/[^/\s?]+/g, '/$1/$2/:token');

export function requestFailure(error: unknown): RequestFailure | undefined {
  if (error instanceof DiscordAPIError) {
    return { code: error.code, status: error.status, method: error.method, route: routeOf(error.url) };
  }
  if (error instanceof HTTPError)
    return { code: undefined, status: error.status, method: error.method, route: routeOf(error.url) };
  if (error instanceof RateLimitError)
    return { code: 'ratelimited', status: 429, method: error.method, route: error.route };
  if (error instanceof CallbackWindowClosed) {
    return { code: error.code, status: error.status, method: error.method, route: error.route };
  }
  return undefined;
}

/** The error as it goes to the log: a request failure's four fields, or a plain error's name and message. */
export function loggable(error: unknown): Record<string, unknown> {
  const failure = requestFailure(error);
  if (failure) return { discord: failure };
  if (error instanceof Error) {
    return {
      err: { type: error.name, message: withoutTokens(error.message), stack: withoutTokens(error.stack ?? '') },
    };
  }
  return { err: { message: withoutTokens(String(error)) } };
}

/** 10062 and 40060: the interaction is gone or already answered; nothing to apologise for. */
export const isExpected = (error: unknown): boolean => {
  const code = requestFailure(error)?.code;
  return typeof code === 'number' && EXPECTED_CODES.has(code);
};
