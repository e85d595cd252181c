import type { KeyvStoreAdapter } from 'keyv';
import type { RateCounter } from './rate-limit.js';
import type { UnansweredEntry } from './types.js';

/** How much of the unanswered-question log is kept: by age and by count. */
export interface LogLimits {
  retentionMs: number;
  maxEntries: number;
}

/** The unanswered-question log as a backend keeps it, bounded by its LogLimits. */
export interface LogBackend {
  append(entry: UnansweredEntry): Promise<void>;
  /** Every entry still kept, oldest first (entries past the retention are removed, not listed). */
  list(): Promise<UnansweredEntry[]>;
}

/** What one storage backend (SQLite or Redis) provides to the store in state.ts. */
export interface Backend {
  readonly kind: 'sqlite' | 'redis';
  /** The SQLite file, or the Redis URL without its password. */
  readonly location: string;
  /** Keyv storage for the per-user and per-session state. */
  readonly keyv: KeyvStoreAdapter;
  readonly log: LogBackend;
  readonly counter: RateCounter;
  /** Resolves when the backend takes commands; rejects when it cannot be reached in time. */
  ready(): Promise<void>;
  /** What a heartbeat cannot see (free space where the file lives); a problem, or undefined. */
  check(): Promise<string | undefined>;
  /** A failed heartbeat as one line: what is wrong, where, and the fix when there is one. */
  explain(error: unknown): string;
  /** Removes what has expired, where the backend does not expire keys itself. */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The store cannot be opened: a setting or a file to fix. The message is one line naming it and
 * the fix, made to follow `Cannot start: `.
 */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** The first line of an error's message: store errors must fit the one-line start-up report. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? message;
}
