import { type Guild, GuildFeature } from 'discord.js';
import type { Language } from '../../domain/schema.js';
import type { Engine } from '../../engine/index.js';
import type { StateStore } from '../../store/state.js';

/** Where the adapter keeps a server's language and a user's last locale. */
export type Preferences = Pick<StateStore, 'getPreference' | 'setPreference'>;

export const SERVER_LANGUAGE = 'discord-server-language';
export const USER_LOCALE = 'discord-user-locale';
/** A user's Discord locale is remembered this long after their last command (see the privacy note). */
export const USER_LOCALE_TTL_MS = 90 * 24 * 60 * 60 * 1000;

/**
 * A server's own locale means something only for a Community server: every other server reports
 * en-US, whatever its people speak.
 */
export function communityLocale(guild: Guild | null | undefined): string | undefined {
  return guild?.features.includes(GuildFeature.Community) ? guild.preferredLocale : undefined;
}

export interface LocaleSources {
  /** The user's Discord locale now (an interaction carries it), or undefined (a message does not). */
  userLocale?: string | null | undefined;
  userId: string;
  guildId?: string | null | undefined;
  guild?: Guild | null | undefined;
}

/**
 * The platform's hint for the reply language, after the question's own language and the user's
 * `/language` choice (which the engine puts first): the user's Discord locale (now, or remembered
 * from their last command), then the server's `/settings language`, then a Community server's
 * locale. The engine falls back to DEFAULT_LANGUAGE when none is a language it speaks.
 */
export function createLocales(engine: () => Engine, preferences: Preferences) {
  // The last locale stored per user in this process, so a command writes only when it changed.
  const stored = new Map<string, string>();
  const speakable = (locale: string | null | undefined) => (locale && engine().languageOf(locale) ? locale : undefined);

  const remember = async (userId: string, locale: string) => {
    if (stored.get(userId) === locale) return;
    if (stored.size > 10_000) stored.clear();
    stored.set(userId, locale);
    await preferences.setPreference(USER_LOCALE, userId, locale, USER_LOCALE_TTL_MS);
  };

  return {
    async hint(sources: LocaleSources): Promise<string | undefined> {
      const now = speakable(sources.userLocale);
      if (now) {
        await remember(sources.userId, now);
        return now;
      }
      const remembered = speakable(await preferences.getPreference(USER_LOCALE, sources.userId));
      if (remembered) return remembered;
      const server = sources.guildId
        ? speakable(await preferences.getPreference(SERVER_LANGUAGE, sources.guildId))
        : undefined;
      return server ?? speakable(communityLocale(sources.guild));
    },
    /** The server's own language setting (undefined forgets it). */
    setServerLanguage: (guildId: string, language: Language | undefined) =>
      preferences.setPreference(SERVER_LANGUAGE, guildId, language),
    serverLanguage: (guildId: string) => preferences.getPreference(SERVER_LANGUAGE, guildId),
  };
}

export type Locales = ReturnType<typeof createLocales>;

/** Preferences in this process only (tests and a bot without a store). */
export function memoryPreferences(): Preferences {
  const values = new Map<string, string>();
  return {
    getPreference: async (scope, id) => values.get(`${scope}:${id}`),
    setPreference: async (scope, id, value) => {
      if (value === undefined) values.delete(`${scope}:${id}`);
      else values.set(`${scope}:${id}`, value);
    },
  };
}
