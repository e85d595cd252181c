import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DataFileError } from './files.js';
import type { PlacesLocale } from './places.js';
import type { Dataset, Language } from './schema.js';

// The gazetteer's file and what the place index is built from, without the schemas (and so
// without zod): the places.json files it needs come checked, from src/domain/places.ts or from the
// record of checked files (src/domain/checked.ts).

export const DEFAULT_GAZETTEER_FILE = fileURLToPath(new URL('../../data/places/gazetteer.tsv', import.meta.url));

export interface PlacesData {
  /**
   * The text of data/places/gazetteer.tsv, checked by `checkGazetteer`: one real place a line,
   * `folded name<TAB>country[<TAB>name as written]`, sorted by folded name. Kept as one string
   * because a hundred thousand small objects cost ten times the memory.
   */
  readonly gazetteer: string;
  readonly locales: ReadonlyMap<Language, PlacesLocale>;
  /** Every way the dataset names a partner; the gazetteer never claims these (the partner wins). */
  readonly partnerNames: readonly string[];
  /** Words that are never a place even where a town bears that name (the engine's own vocabulary). */
  readonly commonWords?: readonly string[];
}

/** Reads a file as text, or throws one line naming it and the fix. */
export function readText(file: string, fix: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)} — ${fix}`);
  }
}

/**
 * A line that is neither a comment nor `folded name<TAB>XX[<TAB>written name]`. Plain code units,
 * no Unicode classes: one pass over the file then costs ~5 ms instead of ~25 ms.
 */
const BAD_GAZETTEER_LINE = /^(?!#)(?![^\t\n ][^\t\n]*\t[A-Z]{2}(?:\t[^\t\n]+)?$).+$/m;

/**
 * Checks the shape of gazetteer.tsv; a bad line stops loading with the file and line number. The
 * order of the lines (the index searches them by halving) is checked by tests/places, not here,
 * because comparing a hundred thousand names costs more than the rest of loading together.
 */
export function checkGazetteer(text: string, file = 'gazetteer.tsv'): string {
  const bad = BAD_GAZETTEER_LINE.exec(text);
  if (bad) {
    const line = text.slice(0, bad.index).split('\n').length;
    throw new DataFileError(
      `${file} is invalid at line ${line}: expected "folded name<TAB>XX[<TAB>written name]", found "${bad[0].slice(0, 60)}" — rebuild it with \`npx tsx scripts/build-places.ts\``,
    );
  }
  return text;
}

/** Every name, official name, case form and alias that the dataset gives a partner. */
export function partnerNamesOf(dataset: Dataset): string[] {
  return dataset.partners.flatMap((partner) => [
    ...Object.values(partner.names),
    ...Object.values(partner.official),
    ...Object.values(partner.forms).flatMap((forms) => (forms ? Object.values(forms) : [])),
    ...partner.aliases,
  ]);
}

/** A file's length and CRC-32: what tells the gazetteer already checked from any other. */
function sumOf(bytes: Buffer): string {
  return `${bytes.length} ${process.getBuiltinModule('node:zlib').crc32(bytes)}`;
}

/**
 * The sum of the gazetteer when it passes `checkGazetteer`, for the record of checked files
 * (src/domain/checked.ts); undefined when it does not (loading it then says why).
 */
export function checkedGazetteerSum(file = DEFAULT_GAZETTEER_FILE): string | undefined {
  try {
    const bytes = readFileSync(file);
    checkGazetteer(bytes.toString('utf8'), file);
    return sumOf(bytes);
  } catch {
    return undefined;
  }
}

export interface PlacesDataOptions {
  dataset: Dataset;
  /** Each language's places.json, checked. */
  locales: ReadonlyMap<Language, PlacesLocale>;
  gazetteerFile?: string;
  commonWords?: readonly string[];
  /** The sum of a gazetteer that passed the check (checkedGazetteerSum): the same file is not checked again. */
  checkedSum?: string;
}

/** The gazetteer's text, checked unless it is the very file that passed before. */
function gazetteerText(file: string, checkedSum: string | undefined): string {
  const fix = 'rebuild it with `npx tsx scripts/build-places.ts`';
  if (checkedSum === undefined) return checkGazetteer(readText(file, fix), file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new DataFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)} — ${fix}`);
  }
  const text = bytes.toString('utf8');
  return sumOf(bytes) === checkedSum ? text : checkGazetteer(text, file);
}

/** Reads and checks the gazetteer; call it when a word first needs it. */
export function placesData(options: PlacesDataOptions): PlacesData {
  const gazetteerFile = options.gazetteerFile ?? DEFAULT_GAZETTEER_FILE;
  const gazetteer = gazetteerText(gazetteerFile, options.checkedSum);
  const home = options.dataset.home;
  return {
    gazetteer,
    locales: options.locales,
    partnerNames: partnerNamesOf(options.dataset),
    // Siedlce is the bot's own city, answered about by the engine, never "not a partner".
    commonWords: [...Object.values(home.names), ...home.aliases, ...(options.commonWords ?? [])],
  };
}
