import type { Language } from '../../src/domain/schema.js';
import type { Conversation } from '../../src/engine/index.js';
import type { StateStore } from '../../src/store/state.js';

/** The state store in memory: what the Assistant needs, nothing on disk. */
export function memoryState(): StateStore {
  const languages = new Map<string, Language>();
  const conversations = new Map<string, Conversation>();
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
    ping: async () => true,
    health: async () => ({ ok: true }),
    close: async () => undefined,
  };
}
