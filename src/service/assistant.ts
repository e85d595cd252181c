import type { Language } from '../domain/schema.js';
import type { Command, Engine, Reply } from '../engine/index.js';
import type { Logger } from '../logger.js';
import type { Platform, StateStore, UserRef } from '../store/state.js';
import { createReplyPictures, type Picture } from './pictures.js';

/** One question from one user on one platform, as every adapter hands it over. */
export interface Question {
  user: UserRef;
  /** Conversation key: per channel and user on Discord, per chat and user on Telegram. */
  session: string;
  text: string;
  /** The platform's locale hint (Discord interaction locale, Telegram language_code). */
  locale?: string | undefined;
  /** A button press or slash command: skips understanding. */
  command?: Command | undefined;
}

export type Outcome =
  | { kind: 'reply'; reply: Reply }
  /** Over the rate limit: say so once (text set), then stay silent (text undefined). */
  | { kind: 'limited'; language: Language; text: string | undefined };

/** Decides whether a user may ask now; 'refuse' is answered once, 'ignore' is silence. */
export interface RateLimiter {
  take(user: UserRef): Promise<'allow' | 'refuse' | 'ignore'>;
}

export interface UnansweredEntry {
  at: string;
  language: Language;
  platform: Platform;
  intent: Reply['intent'];
  text: string;
}

/** Where questions the bot could not answer are recorded (no user ids). */
export interface UnansweredLog {
  record(entry: UnansweredEntry): Promise<void>;
}

/** Observes every answer (metrics). */
export interface AnswerObserver {
  answered(platform: Platform, reply: Reply, seconds: number): void;
  /** A question that could not be answered because something failed (the error is rethrown). */
  failed?(platform: Platform, error: unknown): void;
  /** A question refused or ignored by the rate limiter. */
  limited?(platform: Platform): void;
}

export interface AssistantOptions {
  /** The engine, or a function returning the current one (hot reload of data/ and locales/). */
  engine: Engine | (() => Engine);
  state: StateStore;
  rateLimiter?: RateLimiter | undefined;
  unanswered?: UnansweredLog | undefined;
  observer?: AnswerObserver | undefined;
  /** Replies less sure than this are logged as unanswered. */
  confidenceThreshold?: number;
  /** Each answer is logged at debug level (with the question's text, never the user). */
  logger?: Logger | undefined;
}

export interface Assistant {
  /** The current engine (it changes when data/ or locales/ are reloaded). */
  readonly engine: Engine;
  ask(question: Question): Promise<Outcome>;
  /** Stores a user's language ('auto' forgets it) and returns the language to confirm in. */
  chooseLanguage(user: UserRef, choice: Language | 'auto', locale?: string): Promise<Language>;
  /** The language to speak to a user in when there is no question to read it from. */
  languageFor(user: UserRef, locale?: string): Promise<Language>;
  /** The PNG a reply asks for (`reply.picture`), or undefined when it asks for none. */
  picture(reply: Reply): Promise<Picture | undefined>;
}

const UNANSWERED_INTENTS = new Set<Reply['intent']>(['unknown', 'not_a_partner']);
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.5;

/**
 * The one place where a question meets the state around it: the user's stored language, the
 * conversation so far, the rate limit and the log of unanswered questions. Adapters call this and
 * render the reply; the engine stays pure.
 */
export function createAssistant(options: AssistantOptions): Assistant {
  const { state } = options;
  const source = options.engine;
  const current = typeof source === 'function' ? source : () => source;
  const threshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;

  const languageFor = async (user: UserRef, locale?: string): Promise<Language> => {
    const engine = current();
    return (await state.getLanguage(user)) ?? engine.languageOf(locale) ?? engine.defaultLanguage;
  };

  const answer = async (question: Question, started: number): Promise<Outcome> => {
    const engine = current();
    const [language, conversation] = await Promise.all([
      state.getLanguage(question.user),
      state.getConversation(question.session),
    ]);
    const reply = engine.answer({
      text: question.text,
      conversation,
      locale: question.locale,
      language,
      command: question.command,
    });
    await state.setConversation(question.session, reply.conversation);
    if (!question.command && (UNANSWERED_INTENTS.has(reply.intent) || reply.confidence < threshold)) {
      await options.unanswered?.record({
        at: new Date().toISOString(),
        language: reply.language,
        platform: question.user.platform,
        intent: reply.intent,
        text: question.text,
      });
    }
    const seconds = (performance.now() - started) / 1000;
    options.observer?.answered(question.user.platform, reply, seconds);
    // What people ask is theirs: the text is logged only at debug level, and never who asked.
    options.logger?.debug(
      {
        platform: question.user.platform,
        intent: reply.intent,
        language: reply.language,
        ms: seconds * 1000,
        text: question.text.slice(0, 500),
      },
      'answered',
    );
    return { kind: 'reply', reply };
  };

  const pictures = createReplyPictures(current);

  return {
    get engine() {
      return current();
    },
    languageFor,
    picture: (reply) => pictures.forReply(reply),
    async chooseLanguage(user, choice, locale) {
      const engine = current();
      await state.setLanguage(user, choice === 'auto' ? undefined : choice);
      return choice === 'auto' ? (engine.languageOf(locale) ?? engine.defaultLanguage) : choice;
    },
    async ask(question) {
      const started = performance.now();
      try {
        const verdict = (await options.rateLimiter?.take(question.user)) ?? 'allow';
        if (verdict !== 'allow') {
          options.observer?.limited?.(question.user.platform);
          const language = await languageFor(question.user, question.locale);
          const text = verdict === 'refuse' ? current().say(language, 'rateLimited') : undefined;
          return { kind: 'limited', language, text };
        }
        return await answer(question, started);
      } catch (error) {
        options.observer?.failed?.(question.user.platform, error);
        throw error;
      }
    },
  };
}
