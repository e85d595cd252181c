import i18next, { type TFunction } from 'i18next';
import type { Locales } from '../domain/locales.js';
import type { Language } from '../domain/schema.js';

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
  const translatorFor = (language: Language) =>
    ((key: string, values?: Record<string, unknown>) => instance.t(key, { ...values, lng: language })) as TFunction;
  const translators = new Map(locales.languages.map((language) => [language, translatorFor(language)]));
  return (language) => translators.get(language) ?? translatorFor(fallback);
}
