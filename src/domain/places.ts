import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError, DEFAULT_LOCALES_DIR } from './files.js';
import { type PlacesData, placesData, readText } from './gazetteer-file.js';
import type { Dataset, Language, Languages } from './schema.js';

export {
  checkGazetteer,
  DEFAULT_GAZETTEER_FILE,
  type PlacesData,
  partnerNamesOf,
} from './gazetteer-file.js';

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
  const localesDir = options.localesDir ?? DEFAULT_LOCALES_DIR;
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
  return placesData({ ...options, locales });
}
