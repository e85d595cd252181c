import { z } from 'zod';
import { IntentSchema } from '../domain/intents.js';
import { LanguageSchema } from '../domain/schema.js';

// The shapes the store and the service share. They live here so the service depends on the store
// and never the other way round.

export const PlatformSchema = z.enum(['console', 'discord', 'telegram']);
export type Platform = z.infer<typeof PlatformSchema>;

export interface UserRef {
  platform: Platform;
  id: string;
}

export const UnansweredEntrySchema = z.object({
  at: z.string(),
  language: LanguageSchema,
  platform: PlatformSchema,
  intent: IntentSchema,
  text: z.string(),
});
export type UnansweredEntry = z.infer<typeof UnansweredEntrySchema>;

/** Where questions the bot could not answer are recorded (no user ids). */
export interface UnansweredLog {
  record(entry: UnansweredEntry): Promise<void>;
}

/** Decides whether a user may ask now; 'refuse' is answered once, 'ignore' is silence. */
export interface RateLimiter {
  take(user: UserRef): Promise<'allow' | 'refuse' | 'ignore'>;
}

/** What a write-and-read of the store's heartbeat found: `detail` says what was checked, or what is wrong. */
export interface StoreHealth {
  readonly ok: boolean;
  readonly detail?: string | undefined;
}
