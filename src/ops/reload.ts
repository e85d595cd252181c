import { existsSync, type FSWatcher, readdirSync, watch } from 'node:fs';
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
  /** What is reloaded, for the log line. */
  what?: string;
}

export interface Reloader {
  /** Rebuilds now; true when the new value is in service. */
  reload(): boolean;
  close(): void;
}

/** The folders of data/ and locales/ (each language folder included) to watch. */
export function dataFolders(dataFile: string, localesDir: string): string[] {
  const folders = [join(dataFile, '..'), localesDir];
  if (existsSync(localesDir)) {
    for (const entry of readdirSync(localesDir, { withFileTypes: true })) {
      if (entry.isDirectory()) folders.push(join(localesDir, entry.name));
    }
  }
  return folders;
}

/**
 * Watches files and swaps in a rebuilt value when they change. An edit that does not build is
 * rejected with one log line and the previous value stays in service.
 */
export function watchAndReload<T>(options: ReloaderOptions<T>): Reloader {
  const what = options.what ?? 'data';
  const watchers = new Map<string, FSWatcher>();
  let timer: NodeJS.Timeout | undefined;
  let lastError: string | undefined;
  let closed = false;

  const reload = (): boolean => {
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

  function rewatch() {
    if (closed) return;
    for (const folder of options.folders()) {
      if (watchers.has(folder) || !existsSync(folder)) continue;
      try {
        const watcher = watch(folder, { persistent: false }, schedule);
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(folder);
        });
        watchers.set(folder, watcher);
      } catch (error) {
        options.logger.warn(
          { folder, error: (error as Error).message },
          'cannot watch folder; edits there need a restart',
        );
      }
    }
  }
  rewatch();

  return {
    reload,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
