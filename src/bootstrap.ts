import type { Config } from './config.js';
import { loadDataset } from './domain/load.js';
import { loadLocales } from './domain/locales.js';
import { createEngine, type Engine } from './engine/index.js';

/** Loads the locales and the data file and builds the engine; any problem throws one clear line. */
export function engineFromConfig(config: Config): Engine {
  const locales = loadLocales(config.LOCALES_DIR);
  const dataset = loadDataset(locales.languages, config.DATA_FILE);
  return createEngine({ dataset, locales, defaultLanguage: config.DEFAULT_LANGUAGE });
}
