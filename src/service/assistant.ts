import type { Language } from '../domain/schema.js';
import type { Command, Engine, Reply } from '../engine/index.js';
import type { Logger } from '../logger.js';
import type { StateStore } from '../store/state.js';
import type { Platform, RateLimiter, UnansweredLog, UserRef } from '../store/types.js';
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

export type { RateLimiter, UnansweredEntry, UnansweredLog } from '../store/types.js';

/** What the assistant asks of the store around an answer; each may fail without the answer failing. */
export type StateOperation = 'read' | 'save' | 'log' | 'rate-limit';

/** Observes every answer (metrics). */
export interface AnswerObserver {
  /** The store failed around an answer that was still given (only the follow-up context is lost). */
  degraded?(operation: StateOperation): void;
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
  /**
   * Users the rate limit does not apply to. Default: the person at this machine's terminal (the
   * `console` platform), who is not a remote abuser, so piped questions all get their answer.
   */
  unlimited?: ((user: UserRef) => boolean) | undefined;
  /** Time source for the once-a-minute store failure log (tests). */
  now?: () => number;
}

/** A failed store operation is logged at most this often (each one is counted). */
export const STORE_FAILURE_LOG_EVERY_MS = 60_000;

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
  const unlimited = options.unlimited ?? ((user: UserRef) => user.platform === 'console');
  const now = options.now ?? Date.now;
  const nextLog = new Map<StateOperation, number>();

  /**
   * Degrade, don't refuse: the answer is computed from the question alone, so a store that fails
   * costs the stored language and the follow-up context, never the answer. Counted every time,
   * logged once a minute per operation.
   */
  const tolerate = async <T>(operation: StateOperation, work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      options.observer?.degraded?.(operation);
      const time = now();
      if (time >= (nextLog.get(operation) ?? 0)) {
        nextLog.set(operation, time + STORE_FAILURE_LOG_EVERY_MS);
        options.logger?.warn(
          { err: error, operation },
          'state store failed; answering without it (logged once a minute, counted in bot_state_failures_total)',
        );
      }
      return fallback;
    }
  };

  const languageFor = async (user: UserRef, locale?: string): Promise<Language> => {
    const engine = current();
    const stored = await tolerate('read', () => state.getLanguage(user), undefined);
    return stored ?? engine.languageOf(locale) ?? engine.defaultLanguage;
  };

  const answer = async (question: Question, started: number): Promise<Outcome> => {
    const engine = current();
    const [language, conversation] = await Promise.all([
      tolerate('read', () => state.getLanguage(question.user), undefined),
      tolerate('read', () => state.getConversation(question.session), undefined),
    ]);
    const reply = engine.answer({
      text: question.text,
      conversation,
      locale: question.locale,
      language,
      command: question.command,
    });
    await tolerate('save', () => state.setConversation(question.session, reply.conversation), undefined);
    const log = options.unanswered;
    if (log && !question.command && (UNANSWERED_INTENTS.has(reply.intent) || reply.confidence < threshold)) {
      const entry = {
        at: new Date().toISOString(),
        language: reply.language,
        platform: question.user.platform,
        intent: reply.intent,
        text: question.text,
      };
      await tolerate('log', () => log.record(entry), undefined);
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
        const limiter = unlimited(question.user) ? undefined : options.rateLimiter;
        // A limiter that cannot count lets the question through: refusing everyone is worse.
        const verdict = limiter
          ? await tolerate('rate-limit', () => limiter.take(question.user), 'allow' as const)
          : 'allow';
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
