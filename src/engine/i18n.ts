import i18next, { type TFunction } from 'i18next';
import type { Locales } from '../domain/locales.js';
import type { Language } from '../domain/schema.js';

const REMEMBERED_SENTENCES = 5000;

/** Values that JSON tells apart exactly (no objects, functions, undefined, NaN or -0 to blur two calls). */
function plainValues(values: Record<string, unknown> | undefined): boolean {
  if (values === undefined) return true;
  for (const value of Object.values(values)) {
    const type = typeof value;
    if (type === 'number' ? !Number.isFinite(value) || Object.is(value, -0) : type !== 'string' && type !== 'boolean')
      return false;
  }
  return true;
}

/** One i18next instance over every locales/<language>/translation.json, loaded synchronously. */
export function createTranslator(locales: Locales, fallback: Language): (language: Language) => TFunction {
  const instance = i18next.createInstance();
  const resources = Object.fromEntries(
    [...locales.byLanguage.values()].map((locale) => [locale.language, { translation: locale.translation }]),
  );
  void instance.init({
    resources,
    lng: fallback,
    fallbackLng: fallback,
    supportedLngs: [...locales.languages],
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
  });
  // i18next's getFixedT copies every init option on each call; calling t with lng is much cheaper.
  // The same key with the same plain values always gives the same sentence, and i18next takes
  // ~10 µs and ~3 KB per call to find it again: answers reuse a bounded memory of the sentences.
  // Most calls name a bare key (a title, a button): those are kept by the key alone; the others by
  // key, then by their values as JSON (one short string to hash, not the key and language again).
  const memories: Map<string, unknown>[] = [];
  let remembered = 0;
  const remember = (memo: Map<string, string>, memoKey: string, sentence: string) => {
    if (remembered >= REMEMBERED_SENTENCES) {
      for (const memory of memories) memory.clear();
      remembered = 0;
    }
    remembered++;
    memo.set(memoKey, sentence);
  };
  const translatorFor = (language: Language) => {
    const bare = new Map<string, string>();
    const withValues = new Map<string, Map<string, string>>();
    memories.push(bare, withValues);
    return ((key: string, values?: Record<string, unknown>) => {
      let memo: Map<string, string> | undefined;
      let memoKey = key;
      if (typeof key === 'string' && plainValues(values)) {
        if (values === undefined) memo = bare;
        else {
          memo = withValues.get(key);
          if (!memo) {
            memo = new Map();
            withValues.set(key, memo);
          }
          memoKey = JSON.stringify(values);
        }
        const known = memo.get(memoKey);
        if (known !== undefined) return known;
      }
      const sentence: unknown = instance.t(key, { ...values, lng: language });
      if (memo && typeof sentence === 'string') remember(memo, memoKey, sentence);
      return sentence;
    }) as TFunction;
  };
  const translators = new Map(locales.languages.map((language) => [language, translatorFor(language)]));
  return (language) => translators.get(language) ?? translatorFor(fallback);
}
