import { join } from 'node:path';
import { engineFromChecked, knowledgeOfPlaces } from './assemble.js';
import type { Config } from './config.js';
import { checkFiles } from './domain/check-files.js';
import { DEFAULT_LOCALES_DIR, type Locales } from './domain/locales.js';
import { loadPlacesLocale } from './domain/places.js';
import type { Dataset } from './domain/schema.js';
import type { Engine } from './engine/index.js';
import type { PlaceKnowledge } from './engine/knowledge.js';

/** What the engine knows of real places, from each language's places.json (read and checked now). */
export function placeKnowledge(locales: Locales, dataset: Dataset, localesDir = DEFAULT_LOCALES_DIR): PlaceKnowledge {
  const placesLocales = new Map(
    locales.languages.map((language) => [language, loadPlacesLocale(join(localesDir, language, 'places.json'))]),
  );
  return knowledgeOfPlaces(placesLocales, dataset);
}

/**
 * Loads the locales and the data file, checks them against each other and builds the engine; any
 * problem throws one line naming the file (or the setting) and the fix.
 */
export function engineFromConfig(config: Config): Engine {
  return engineFromChecked(checkFiles(config), config);
}
