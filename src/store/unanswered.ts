import { fold } from '../engine/normalize.js';
import type { LogBackend } from './backend.js';
import type { UnansweredEntry, UnansweredLog } from './types.js';

export { UnansweredEntrySchema } from './types.js';

/** Entries older than this are removed: the texts are people's words. */
export const UNANSWERED_RETENTION_DAYS = 90;
/**
 * At most this many entries are kept, the oldest removed first. With MAX_TEXT this bounds the
 * log's size (about 20 MB at worst, 2 MB for typical questions) whoever writes to it.
 */
export const UNANSWERED_MAX_ENTRIES = 10_000;
/** Longer questions are cut, so one flood of text cannot fill the store. */
const MAX_TEXT = 500;

/** The unanswered-question log: time, language, platform, intent and text — never who asked. */
export interface UnansweredStore extends UnansweredLog {
  /** Every entry still kept, oldest first; entries past the retention are removed. */
  entries(): Promise<UnansweredEntry[]>;
}

export function unansweredStore(
  log: LogBackend,
  write: <T>(work: () => Promise<T>) => Promise<T>,
  read: <T>(work: () => Promise<T>) => Promise<T>,
): UnansweredStore {
  return {
    async record(entry) {
      const text = entry.text.trim().slice(0, MAX_TEXT);
      if (text.length === 0) return;
      await write(() => log.append({ ...entry, text }));
    },
    async entries() {
      const kept = await read(() => log.list());
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
