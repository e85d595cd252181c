import { existsSync, type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';

export interface ReloaderOptions<T> {
  /** Folders to watch (not recursive: pass each one). */
  folders: () => string[];
  /** Builds the new value from the files; throws with a one-line message when they are invalid. */
  build: () => T;
  /** Puts a successfully built value in service. */
  apply: (value: T) => void;
  logger: Logger;
  /** Reload outcome, for metrics. */
  onReload?: (ok: boolean) => void;
  /** Quiet time after the last change before rebuilding (an editor's save is several events). */
  debounceMs?: number;
  /**
   * How often the files are compared with what was last seen, whatever the watchers say: this is
   * what sees an edit to a symlink's target, a folder replaced by another, or a lost watcher.
   */
  pollMs?: number;
  /** What is reloaded, for the log line. */
  what?: string;
}

export interface Reloader {
  /** Rebuilds now (SIGHUP); true when the new value is in service. */
  reload(): boolean;
  close(): void;
}

/** The folders of data/ and locales/ (each language folder included) to watch. */
export function dataFolders(dataFile: string, localesDir: string): string[] {
  const folders = [join(dataFile, '..'), localesDir];
  if (existsSync(localesDir)) {
    for (const entry of readdirSync(localesDir, { withFileTypes: true })) {
      if (entry.isDirectory() || entry.isSymbolicLink()) folders.push(join(localesDir, entry.name));
    }
  }
  return folders;
}

/** The identity of a folder (its inode: a replaced folder is a new one). */
function folderId(folder: string): string | undefined {
  try {
    const stats = statSync(folder);
    return stats.isDirectory() ? `${stats.dev}:${stats.ino}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the files of the folders are now: each .json file's inode, size and time, symlinks followed
 * (statSync), so an atomic save (a new inode), an edit of a link's target and a replaced folder all
 * change it.
 */
function fingerprint(folders: readonly string[]): string {
  const parts: string[] = [];
  for (const folder of folders) {
    parts.push(`${folder}@${folderId(folder) ?? 'missing'}`);
    let names: string[] = [];
    try {
      names = readdirSync(folder).filter((name) => name.endsWith('.json'));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      try {
        const stats = statSync(join(folder, name));
        parts.push(`${name}:${stats.ino}:${stats.size}:${stats.mtimeMs}`);
      } catch {
        parts.push(`${name}:gone`);
      }
    }
  }
  return parts.join('|');
}

/**
 * Watches files and swaps in a rebuilt value when they change. An edit that does not build is
 * rejected with one log line and the previous value stays in service. fs.watch gives quick
 * notice; a poll of the files' identities catches what fs.watch misses.
 */
export function watchAndReload<T>(options: ReloaderOptions<T>): Reloader {
  const what = options.what ?? 'data';
  const watchers = new Map<string, { watcher: FSWatcher; id: string }>();
  let timer: NodeJS.Timeout | undefined;
  let lastError: string | undefined;
  let closed = false;
  let seen = fingerprint(options.folders());

  const reload = (): boolean => {
    seen = fingerprint(options.folders());
    let value: T;
    try {
      value = options.build();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // The same broken file seen again by a late event: already said.
      if (message !== lastError) {
        options.logger.error({ error: message }, `${what} change rejected, still using the previous ${what}`);
        options.onReload?.(false);
      }
      lastError = message;
      return false;
    }
    lastError = undefined;
    options.apply(value);
    options.onReload?.(true);
    options.logger.info(`${what} reloaded`);
    rewatch();
    return true;
  };

  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 300);
    timer.unref();
  };

  function unwatch(folder: string) {
    watchers.get(folder)?.watcher.close();
    watchers.delete(folder);
  }

  function rewatch() {
    if (closed) return;
    for (const folder of options.folders()) {
      const id = folderId(folder);
      const current = watchers.get(folder);
      if (current && current.id === id) continue;
      if (current) {
        // The folder was replaced (a deploy swapped it, or it was deleted and made again).
        unwatch(folder);
        options.logger.warn({ folder }, `${what} folder was replaced; watching the new one`);
      }
      if (id === undefined) continue;
      try {
        const watcher = watch(folder, { persistent: false }, schedule);
        watcher.on('error', (error) => {
          unwatch(folder);
          options.logger.warn(
            { folder, error: error.message },
            `lost the watch on a ${what} folder; polling finds edits until it can be watched again`,
          );
        });
        watchers.set(folder, { watcher, id });
      } catch (error) {
        options.logger.warn(
          { folder, error: (error as Error).message },
          `cannot watch a ${what} folder; polling finds edits there`,
        );
      }
    }
  }
  rewatch();

  const poll = setInterval(() => {
    if (closed) return;
    rewatch();
    if (fingerprint(options.folders()) !== seen) schedule();
  }, options.pollMs ?? 2000);
  poll.unref();

  return {
    reload,
    close() {
      closed = true;
      clearInterval(poll);
      if (timer) clearTimeout(timer);
      for (const folder of [...watchers.keys()]) unwatch(folder);
    },
  };
}
