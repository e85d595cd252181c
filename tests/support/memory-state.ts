import type { Language } from '../../src/domain/schema.js';
import type { Conversation } from '../../src/engine/index.js';
import type { StateStore } from '../../src/store/state.js';

/** The state store in memory: what the Assistant needs, nothing on disk. */
export function memoryState(): StateStore {
  const languages = new Map<string, Language>();
  const conversations = new Map<string, Conversation>();
  const preferences = new Map<string, { value: string; until: number }>();
  const key = (user: { platform: string; id: string }) => `${user.platform}:${user.id}`;
  return {
    getLanguage: async (user) => languages.get(key(user)),
    setLanguage: async (user, language) => {
      if (language) languages.set(key(user), language);
      else languages.delete(key(user));
    },
    getConversation: async (session) => conversations.get(session),
    setConversation: async (session, conversation) => {
      conversations.set(session, conversation);
    },
    getPreference: async (scope, id) => {
      const stored = preferences.get(`${scope}:${id}`);
      return stored && stored.until > Date.now() ? stored.value : undefined;
    },
    setPreference: async (scope, id, value, ttlMs) => {
      if (value === undefined) preferences.delete(`${scope}:${id}`);
      else preferences.set(`${scope}:${id}`, { value, until: ttlMs ? Date.now() + ttlMs : Number.POSITIVE_INFINITY });
    },
    ping: async () => true,
    health: async () => ({ ok: true }),
    close: async () => undefined,
  };
}
