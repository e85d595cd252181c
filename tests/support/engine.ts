import { placeKnowledge } from '../../src/bootstrap.js';
import { loadDataset } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import { createEngine, type Engine } from '../../src/engine/index.js';

let shared: Engine | undefined;

/** The real engine over the real data/ and locales/ (and the gazetteer), built once per test file. */
export function realEngine(): Engine {
  if (!shared) {
    const locales = loadLocales();
    const dataset = loadDataset(locales.languages);
    shared = createEngine({ dataset, locales, defaultLanguage: 'pl', places: placeKnowledge(locales, dataset) });
  }
  return shared;
}
