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
  // Most calls name a bare key (a title, a button): those are kept per language by the key alone.
  const sentences = new Map<string, string>();
  const translatorFor = (language: Language) => {
    const bare = new Map<string, string>();
    return ((key: string, values?: Record<string, unknown>) => {
      const plain = typeof key === 'string' && plainValues(values);
      const memo = values === undefined ? bare : sentences;
      const memoKey = !plain
        ? undefined
        : values === undefined
          ? key
          : `${language}\u0000${key}\u0000${JSON.stringify(values)}`;
      const known = memoKey === undefined ? undefined : memo.get(memoKey);
      if (known !== undefined) return known;
      const sentence: unknown = instance.t(key, { ...values, lng: language });
      if (memoKey !== undefined && typeof sentence === 'string') {
        if (memo.size >= REMEMBERED_SENTENCES) memo.clear();
        memo.set(memoKey, sentence);
      }
      return sentence;
    }) as TFunction;
  };
  const translators = new Map(locales.languages.map((language) => [language, translatorFor(language)]));
  return (language) => translators.get(language) ?? translatorFor(fallback);
}
