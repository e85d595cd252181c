import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DataFileError } from './load.js';
import { DEFAULT_LOCALES_DIR } from './locales.js';
import type { Dataset, Language, Languages } from './schema.js';

export const DEFAULT_GAZETTEER_FILE = fileURLToPath(new URL('../../data/places/gazetteer.tsv', import.meta.url));

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code such as "DE"');
const Text = z.string().min(1, 'must not be empty');

const CountrySchema = z.object({
  /** Each name of the country with one form per grammatical case the language lists in `cases`. */
  names: z.array(z.record(z.string(), Text)).min(1),
  adjectives: z.array(Text).default([]),
  /** Forms outside the case table (variants such as "Monaka" next to "Monako"). */
  other: z.array(Text).default([]),
});

const PlaceSchema = z.object({
  name: Text,
  country: CountryCode,
  /** The name's other case forms ("Moskwy", "Moskwie"). */
  forms: z.array(Text).default([]),
});

/** locales/<language>/places.json: the countries and foreign places as people of that language write them. */
export const PlacesLocaleSchema = z
  .object({
    cases: z.array(z.string().regex(/^[a-z]+$/, 'must be a lower-case case name such as "gen"')).min(1),
    countries: z.record(CountryCode, CountrySchema),
    places: z.array(PlaceSchema),
  })
  .superRefine((file, ctx) => {
    for (const [country, entry] of Object.entries(file.countries)) {
      entry.names.forEach((name, index) => {
        for (const grammaticalCase of file.cases) {
          if (name[grammaticalCase] === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['countries', country, 'names', index, grammaticalCase],
              message: `missing the "${grammaticalCase}" form (every name needs ${file.cases.join(', ')})`,
            });
          }
        }
      });
    }
  });
export type PlacesLocale = z.infer<typeof PlacesLocaleSchema>;

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

function readText(file: string, fix: string): string {
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

function describe(issue: z.core.$ZodIssue): string {
  return `${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`;
}

export function parsePlacesLocale(raw: unknown, file: string): PlacesLocale {
  const result = PlacesLocaleSchema.safeParse(raw);
  if (!result.success) {
    const [first] = result.error.issues;
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    throw new DataFileError(
      `${file} is invalid at ${first ? describe(first) : 'unknown'}${more} — fix that field and start again`,
    );
  }
  return result.data;
}

export function loadPlacesLocale(file: string): PlacesLocale {
  const text = readText(file, 'each language needs locales/<code>/places.json');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DataFileError(`${file} is not valid JSON: ${(error as Error).message} — fix the syntax and start again`);
  }
  return parsePlacesLocale(raw, file);
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

export interface LoadPlacesOptions {
  languages: Languages;
  dataset: Dataset;
  localesDir?: string;
  gazetteerFile?: string;
  commonWords?: readonly string[];
  /** places.json of each language, when start-up has already read and checked them. */
  placesLocales?: ReadonlyMap<Language, PlacesLocale>;
}

/** Reads the gazetteer and every language's places.json; call it when a word first needs them. */
export function loadPlaces(options: LoadPlacesOptions): PlacesData {
  const gazetteerFile = options.gazetteerFile ?? DEFAULT_GAZETTEER_FILE;
  const localesDir = options.localesDir ?? DEFAULT_LOCALES_DIR;
  const gazetteer = checkGazetteer(
    readText(gazetteerFile, 'rebuild it with `npx tsx scripts/build-places.ts`'),
    gazetteerFile,
  );
  const locales = new Map<Language, PlacesLocale>();
  for (const language of options.languages) {
    const known = options.placesLocales?.get(language);
    if (known) {
      locales.set(language, known);
      continue;
    }
    const file = join(localesDir, language, 'places.json');
    if (!existsSync(file)) {
      throw new DataFileError(`${file} is missing — every language needs its countries and places in places.json`);
    }
    locales.set(language, loadPlacesLocale(file));
  }
  const home = options.dataset.home;
  return {
    gazetteer,
    locales,
    partnerNames: partnerNamesOf(options.dataset),
    // Siedlce is the bot's own city, answered about by the engine, never "not a partner".
    commonWords: [...Object.values(home.names), ...home.aliases, ...(options.commonWords ?? [])],
  };
}
