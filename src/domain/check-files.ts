import { join } from 'node:path';
import type { Config } from '../config.js';
import { settingError } from '../settings.js';
import type { CheckedFiles } from './checked.js';
import { checkAliases } from './checks.js';
import { DEFAULT_LOCALES_DIR } from './files.js';
import { loadDataset } from './load.js';
import { loadLocales } from './locales.js';
import { loadPlacesLocale } from './places.js';

/**
 * Reads the locales and the data file and checks them (zod, then against each other); any problem
 * throws one line naming the file (or the setting) and the fix.
 */
export function checkFiles(config: Config): CheckedFiles {
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
  const localesDir = config.LOCALES_DIR ?? DEFAULT_LOCALES_DIR;
  const placesLocales = new Map(
    locales.languages.map((language) => [language, loadPlacesLocale(join(localesDir, language, 'places.json'))]),
  );
  return { locales, dataset, placesLocales };
}
