import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// What reading a data or locale file needs, without the schemas (and so without zod): the one-shot
// `npm run ask` reads the files through here when their checked result is already on record.

export const DEFAULT_DATA_FILE = fileURLToPath(new URL('../../data/partners.json', import.meta.url));
export const DEFAULT_LOCALES_DIR = fileURLToPath(new URL('../../locales/', import.meta.url));

/** A language's commonest words, optional in its locale folder: they tell a message's language. */
export const COMMON_WORDS_FILE = 'words.txt';

/** Every folder of the locales folder that holds a translation.json is a language the bot speaks; sorted. */
export function languageFolders(dir: string): string[] {
  const folders = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }) : [];
  return folders
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'translation.json')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The largest data or locale file read. partners.json is about 40 KB (built in about 50 ms); at
 * this cap a valid file of some 250 partners builds in about 0.2 s, the longest a reload may hold
 * up the answers. A bigger file is a mistake (a dump saved over it), refused before it is read.
 */
export const MAX_FILE_BYTES = 512 * 1024;

/** A data or locale file that cannot be used; its message is one line naming the field and the fix. */
export class DataFileError extends Error {
  override name = 'DataFileError';
}

const kilobytes = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/**
 * Reads a data or locale file as text: refused past MAX_FILE_BYTES before anything is read, and
 * without the byte-order mark some editors put at the start of UTF-8 files.
 */
export function readDataText(file: string, setting: string): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new DataFileError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)} — check ${setting}`,
    );
  }
  if (size > MAX_FILE_BYTES) {
    throw new DataFileError(
      `${file} is ${kilobytes(size)}, more than the ${kilobytes(MAX_FILE_BYTES)} a data file may have — put the right file back`,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataFileError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)} — check ${setting}`,
    );
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parses JSON text of a file, or throws one line naming the file and the syntax error. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataFileError(`${file} is not valid JSON: ${(error as Error).message} — fix the syntax and start again`);
  }
}
