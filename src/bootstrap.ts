import { join } from 'node:path';
import { type Config, settingError } from './config.js';
import { checkAliases } from './domain/checks.js';
import { loadDataset } from './domain/load.js';
import { DEFAULT_LOCALES_DIR, type Locales, loadLocales } from './domain/locales.js';
import { loadPlaces, loadPlacesLocale } from './domain/places.js';
import type { Dataset } from './domain/schema.js';
import { createEngine, type Engine } from './engine/index.js';
import type { PlaceKnowledge } from './engine/knowledge.js';
import { lazyPlaceIndex } from './engine/places/index.js';

/**
 * The countries of every language now (small files), the gazetteer of real places on the first
 * question that needs it (a larger one), so start-up does not pay for it.
 */
export function placeKnowledge(locales: Locales, dataset: Dataset, localesDir = DEFAULT_LOCALES_DIR): PlaceKnowledge {
  const placesLocales = new Map(
    locales.languages.map((language) => [language, loadPlacesLocale(join(localesDir, language, 'places.json'))]),
  );
  const countries = new Map([...placesLocales].map(([language, locale]) => [language, locale.countries]));
  // The files are read and checked once: the gazetteer's index reuses them.
  const gazetteer = lazyPlaceIndex(() =>
    loadPlaces({ languages: locales.languages, dataset, localesDir, placesLocales }),
  );
  return { countries, gazetteer };
}

/**
 * Loads the locales and the data file, checks them against each other and builds the engine; any
 * problem throws one line naming the file (or the setting) and the fix.
 */
export function engineFromConfig(config: Config): Engine {
  const locales = loadLocales(config.LOCALES_DIR, config.DEFAULT_LANGUAGE);
  if (!locales.languages.includes(config.DEFAULT_LANGUAGE)) {
    throw settingError(
      'DEFAULT_LANGUAGE',
      config.DEFAULT_LANGUAGE,
      `has no locale (the languages are ${locales.languages.join(', ')})`,
      `set DEFAULT_LANGUAGE to one of them, or add locales/${config.DEFAULT_LANGUAGE}/`,
    );
  }
  const dataset = loadDataset(locales.languages, config.DATA_FILE);
  checkAliases(dataset, locales, config.DATA_FILE ?? 'data/partners.json');
  const places = placeKnowledge(locales, dataset, config.LOCALES_DIR);
  return createEngine({ dataset, locales, defaultLanguage: config.DEFAULT_LANGUAGE, places });
}
