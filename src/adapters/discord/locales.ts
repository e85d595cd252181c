import { Locale, type LocalizationMap } from 'discord.js';
import type { Language } from '../../domain/schema.js';
import type { Engine } from '../../engine/index.js';

/** Discord's locales for the languages the bot speaks (pl → pl, en → en-US and en-GB, …). */
function discordLocales(engine: Engine): [Locale, Language][] {
  return Object.values(Locale).flatMap((locale): [Locale, Language][] => {
    const language = locale.split('-')[0] ?? '';
    return engine.languages.includes(language) ? [[locale, language]] : [];
  });
}

/** The language of a command's default (unlocalized) name and description. */
export const BASE_LANGUAGE: Language = 'en';

export interface Localized {
  /** In the base language: what clients with any other locale see. */
  value: string;
  localizations: LocalizationMap;
}

/** One sentence of locales/ in every Discord locale, through a function of the language. */
export function localizedWith(engine: Engine, text: (language: Language) => string): Localized {
  const base = engine.languages.includes(BASE_LANGUAGE) ? BASE_LANGUAGE : engine.defaultLanguage;
  const localizations: LocalizationMap = {};
  for (const [locale, language] of discordLocales(engine)) localizations[locale] = text(language);
  return { value: text(base), localizations };
}

/** One key of locales/<language>/translation.json in every Discord locale. */
export const localized = (engine: Engine, key: string): Localized =>
  localizedWith(engine, (language) => engine.say(language, key));

/** A command or option name as Discord accepts it: lower case, no spaces, at most 32 characters. */
export function commandName(text: string): string {
  return (
    text
      .toLocaleLowerCase()
      .trim()
      .replace(/\s+/g, '-')
      .replace(/[^-_\p{L}\p{N}]/gu, '')
      .slice(0, 32) || 'x'
  );
}
