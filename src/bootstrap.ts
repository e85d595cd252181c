import { type Config, settingError } from './config.js';
import { checkAliases } from './domain/checks.js';
import { loadDataset } from './domain/load.js';
import { loadLocales } from './domain/locales.js';
import { createEngine, type Engine } from './engine/index.js';

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
  return createEngine({ dataset, locales, defaultLanguage: config.DEFAULT_LANGUAGE });
}
