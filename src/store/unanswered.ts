import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import { z } from 'zod';
import { IntentSchema } from '../domain/intents.js';
import { LanguageSchema } from '../domain/schema.js';
import { fold } from '../engine/normalize.js';
import type { UnansweredEntry, UnansweredLog } from '../service/assistant.js';

export const UnansweredEntrySchema = z.object({
  at: z.string(),
  language: LanguageSchema,
  platform: z.enum(['console', 'discord', 'telegram']),
  intent: IntentSchema,
  text: z.string(),
});

/** Entries older than this are dropped when the log is read: the texts are people's words. */
export const UNANSWERED_RETENTION_DAYS = 90;
/** Longer questions are cut, so one flood of text cannot fill the store. */
const MAX_TEXT = 500;

/** The unanswered-question log: time, language, platform, intent and text — never who asked. */
export interface UnansweredStore extends UnansweredLog {
  /** Every entry still kept, oldest first; entries past the retention are removed. */
  entries(): Promise<UnansweredEntry[]>;
}

export function unansweredStore(
  log: Keyv<unknown>,
  write: <T>(work: () => Promise<T>) => Promise<T>,
  read: <T>(work: () => Promise<T>) => Promise<T>,
  retentionDays = UNANSWERED_RETENTION_DAYS,
): UnansweredStore {
  return {
    async record(entry) {
      const text = entry.text.trim().slice(0, MAX_TEXT);
      if (text.length === 0) return;
      // One key per entry: processes sharing Redis append without reading each other's writes.
      await write(() => log.set(`${entry.at}:${randomUUID()}`, { ...entry, text }));
    },
    async entries() {
      if (!log.iterator) throw new Error('this store cannot list the unanswered-question log');
      const iterator = log.iterator;
      const cutoff = Date.now() - retentionDays * 24 * 3600 * 1000;
      const kept: UnansweredEntry[] = [];
      const expired: string[] = [];
      await read(async () => {
        for await (const [key, value] of iterator(undefined)) {
          const entry = UnansweredEntrySchema.safeParse(value);
          if (!entry.success) continue;
          if (Date.parse(entry.data.at) < cutoff) expired.push(String(key));
          else kept.push(entry.data);
        }
      });
      // Deleted after the walk: deleting during it would shift the pages and skip entries.
      for (const key of expired) await write(() => log.delete(key));
      return kept.sort((a, b) => a.at.localeCompare(b.at));
    },
  };
}

export interface UnansweredGroup {
  /** The normalised text every question of the group folds to. */
  key: string;
  count: number;
  /** The most frequent spelling as people typed it. */
  example: string;
  languages: Record<string, number>;
  platforms: Record<string, number>;
  intents: Record<string, number>;
  firstAt: string;
  lastAt: string;
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Groups entries by their normalised text (case, accents, punctuation folded), most frequent first. */
export function groupUnanswered(entries: readonly UnansweredEntry[]): UnansweredGroup[] {
  const groups = new Map<string, UnansweredGroup & { spellings: Record<string, number> }>();
  for (const entry of entries) {
    const key = fold(entry.text) || entry.text.trim();
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        count: 0,
        example: entry.text,
        languages: {},
        platforms: {},
        intents: {},
        spellings: {},
        firstAt: entry.at,
        lastAt: entry.at,
      };
      groups.set(key, group);
    }
    group.count += 1;
    bump(group.languages, entry.language);
    bump(group.platforms, entry.platform);
    bump(group.intents, entry.intent);
    bump(group.spellings, entry.text.trim());
    if (entry.at < group.firstAt) group.firstAt = entry.at;
    if (entry.at > group.lastAt) group.lastAt = entry.at;
  }
  return [...groups.values()]
    .map(({ spellings, ...group }) => {
      const [example = group.example] = Object.entries(spellings).sort((a, b) => b[1] - a[1])[0] ?? [];
      return { ...group, example };
    })
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt) || a.key.localeCompare(b.key));
}
