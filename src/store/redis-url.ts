import { StoreOpenError } from './backend.js';

/** The URL, checked: the message names REDIS_URL and never repeats it (it may hold a password). */
export function parseRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new StoreOpenError(
      'REDIS_URL must be a URL such as redis://127.0.0.1:6379 — set REDIS_URL, or unset it to use SQLite',
      { cause: error },
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new StoreOpenError(
      `REDIS_URL must start with redis:// or rediss:// (it starts with ${parsed.protocol}) — set REDIS_URL to redis://host:6379, or unset it to use SQLite`,
    );
  return parsed;
}

export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
