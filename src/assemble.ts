import type { Config } from './config.js';
import type { CheckedFiles } from './domain/checked.js';
import { placesData } from './domain/gazetteer-file.js';
import type { PlacesLocale } from './domain/places.js';
import type { Dataset, Language } from './domain/schema.js';
import { createEngine, type Engine } from './engine/engine.js';
import type { PlaceKnowledge } from './engine/knowledge.js';
import { lazyPlaceIndex } from './engine/places/index.js';

// Builds the engine from files already checked, and loads no zod: the one-shot `npm run ask` gets
// here without the schemas (src/quick-start.ts), every other start through src/bootstrap.ts.

/**
 * The countries of every language now (small files), the gazetteer of real places on the first
 * question that needs it (a larger one), so start-up does not pay for it.
 */
export function knowledgeOfPlaces(
  placesLocales: ReadonlyMap<Language, PlacesLocale>,
  dataset: Dataset,
  checkedSum?: string,
): PlaceKnowledge {
  const countries = new Map([...placesLocales].map(([language, locale]) => [language, locale.countries]));
  const gazetteer = lazyPlaceIndex(() => placesData({ dataset, locales: placesLocales, checkedSum }));
  return { countries, gazetteer };
}

export function engineFromChecked(checked: CheckedFiles, config: Config): Engine {
  const { dataset, locales, placesLocales, gazetteerSum } = checked;
  const places = knowledgeOfPlaces(placesLocales, dataset, gazetteerSum);
  return createEngine({ dataset, locales, defaultLanguage: config.DEFAULT_LANGUAGE, places });
}
