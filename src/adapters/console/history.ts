import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** How many lines the terminal chat remembers across sessions. */
export const HISTORY_SIZE = 500;

/**
 * The terminal chat's line history in a file (STATE_DIR/console-history), newest line last, as
 * shells keep theirs. Only the person at the terminal reads it, so it is written for its owner only.
 */
export interface HistoryFile {
  /** The saved lines, newest first (the order readline wants). */
  load(): string[];
  /** Saves readline's history (newest first); false when the file cannot be written. */
  save(history: readonly string[]): boolean;
}

export function historyFile(path: string): HistoryFile {
  return {
    load() {
      try {
        return readFileSync(path, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .slice(-HISTORY_SIZE)
          .reverse();
      } catch {
        return []; // no history yet
      }
    },
    save(history) {
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, `${[...history].slice(0, HISTORY_SIZE).reverse().join('\n')}\n`, { mode: 0o600 });
        return true;
      } catch {
        return false;
      }
    },
  };
}
