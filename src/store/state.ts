import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import KeyvRedis from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv from 'keyv';
import { type Language, LanguageSchema } from '../domain/schema.js';
import { type Conversation, ConversationSchema } from '../engine/types.js';

export type Platform = 'console' | 'discord' | 'telegram';

export interface UserRef {
  platform: Platform;
  id: string;
}

/** Per-user choices and per-session conversation context, kept across restarts and processes. */
export interface StateStore {
  getLanguage(user: UserRef): Promise<Language | undefined>;
  /** `undefined` forgets the choice (automatic language). */
  setLanguage(user: UserRef, language: Language | undefined): Promise<void>;
  getConversation(session: string): Promise<Conversation | undefined>;
  setConversation(session: string, conversation: Conversation): Promise<void>;
  /** Answers when the backend can be reached (health checks). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StateStoreOptions {
  /** Folder of the SQLite file when no Redis is configured. */
  stateDir?: string;
  /** Redis connection URL; several bot processes then share one state. */
  redisUrl?: string;
  /** How long a conversation is remembered after its last question. */
  conversationTtlMs?: number;
  /** Key prefix, so tests and deployments can share one Redis. */
  prefix?: string;
}

export const DEFAULT_CONVERSATION_TTL_MS = 30 * 60 * 1000;

export type KeyvBackend = ConstructorParameters<typeof Keyv>[0];

/** The keyv backend for the configured state: Redis when a URL is given, otherwise a SQLite file. */
export function stateBackend(options: Pick<StateStoreOptions, 'stateDir' | 'redisUrl'>): KeyvBackend {
  if (options.redisUrl) return { store: new KeyvRedis(options.redisUrl) };
  const dir = resolve(options.stateDir ?? 'var');
  mkdirSync(dir, { recursive: true });
  return { store: new KeyvSqlite({ uri: `sqlite://${join(dir, 'state.sqlite')}` }) };
}

export function openStateStore(options: StateStoreOptions = {}): StateStore {
  const prefix = options.prefix ?? 'siedlce';
  const ttl = options.conversationTtlMs ?? DEFAULT_CONVERSATION_TTL_MS;
  const languages = new Keyv<string>({ ...stateBackend(options), namespace: `${prefix}:language` });
  const conversations = new Keyv<Conversation>({ ...stateBackend(options), namespace: `${prefix}:conversation` });
  const userKey = (user: UserRef) => `${user.platform}:${user.id}`;
  return {
    async getLanguage(user) {
      const stored = LanguageSchema.safeParse(await languages.get(userKey(user)));
      return stored.success ? stored.data : undefined;
    },
    async setLanguage(user, language) {
      if (language) await languages.set(userKey(user), language);
      else await languages.delete(userKey(user));
    },
    async getConversation(session) {
      const stored = ConversationSchema.safeParse(await conversations.get(session));
      return stored.success ? stored.data : undefined;
    },
    async setConversation(session, conversation) {
      await conversations.set(session, conversation, ttl);
    },
    async ping() {
      try {
        await languages.has('__ping__');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await Promise.all([languages.disconnect(), conversations.disconnect()]);
    },
  };
}
