import { loadDataset } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import { createEngine, type Engine } from '../../src/engine/index.js';

let shared: Engine | undefined;

/** The real engine over the real data/ and locales/, built once per test file. */
export function realEngine(): Engine {
  if (!shared) {
    const locales = loadLocales();
    shared = createEngine({ dataset: loadDataset(locales.languages), locales, defaultLanguage: 'pl' });
  }
  return shared;
}
