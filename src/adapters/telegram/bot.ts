import { type Context, Telegraf } from 'telegraf';
import type { Logger } from '../../logger.js';
import type { Assistant, RateLimiter } from '../../service/assistant.js';
import { createRateLimiter, memoryCounter, type RateCounter } from '../../store/rate-limit.js';
import { DEFAULT_CONVERSATION_TTL_MS } from '../../store/state.js';
import { UNANSWERED_RETENTION_DAYS } from '../../store/unanswered.js';
import { adapterLogger, keyedQueue } from '../shared.js';
import { BoundedMap } from './bounded.js';
import { buttons } from './buttons.js';
import { hintedLanguage, type TelegramDeps } from './conversation.js';
import { isFlood, isTokenRejected } from './failures.js';
import { escapeHtml } from './html.js';
import { type FlagUrl, inline } from './inline.js';
import { messages } from './messages.js';
import { paceTelegram } from './outgoing.js';
import { createPacer, Dropped, type Pacer, type PacingOptions } from './pacing.js';

export interface TelegramBotOptions {
  assistant: Assistant;
  logger: Logger;
  token: string;
  /** Bot API address: a self-hosted Bot API server, or an emulator in tests. */
  apiRoot?: string | undefined;
  pacing?: PacingOptions;
  /**
   * Counter for the menu bucket (buttons, menus, hints, inline queries): pass the store's, so
   * replicas share it. In this process when unset.
   */
  menuCounter?: RateCounter;
  /** Menus and presses allowed per user and window: more than questions, they cost little. */
  menuLimit?: { count: number; windowMs: number };
  conversationTtlSeconds?: number;
  flagUrl?: FlagUrl;
  /** A call was refused with 401: the token was revoked (startTelegram makes this fatal). */
  onTokenRejected?: () => void;
}

export type TelegramBot = Telegraf & {
  readonly pacer: Pacer;
};

/** Questions whose answers are remembered for editing when the question is edited. */
const REMEMBERED_ANSWERS = 5000;
const REMEMBERED_PHOTOS = 500;

/**
 * The Telegram bot, wired but not started: composable handlers in order (buttons, inline mode,
 * messages with their commands), every outgoing call paced, every error caught. Feed it updates
 * with `bot.handleUpdate`, or start it with startTelegram.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { assistant } = options;
  const logger = adapterLogger(options.logger, 'telegram', options.token);
  const bot = new Telegraf(options.token, {
    // Every call a real request, so its result and errors (429, 403) are seen.
    telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  const menuLimiter: RateLimiter = createRateLimiter({
    counter: options.menuCounter ?? memoryCounter(),
    limit: options.menuLimit?.count ?? 30,
    windowMs: options.menuLimit?.windowMs ?? 60_000,
  });
  const deps: TelegramDeps = {
    assistant,
    logger,
    serial: keyedQueue(),
    menuLimiter,
    answers: new BoundedMap(REMEMBERED_ANSWERS),
    photos: new BoundedMap(REMEMBERED_PHOTOS),
    conversationTtlSeconds: options.conversationTtlSeconds ?? DEFAULT_CONVERSATION_TTL_MS / 1000,
    unansweredDays: UNANSWERED_RETENTION_DAYS,
  };
  const pacer = createPacer(logger, options.pacing);

  // telegraf's default handler rethrows and ends the process: log, apologise, keep running.
  bot.catch(async (error: unknown, ctx: Context) => {
    // Stopping: not answered, not confirmed — it comes again after the restart.
    if (error instanceof Dropped) throw error;
    logger.error({ err: error, updateId: ctx.update.update_id, updateType: ctx.updateType }, 'telegram: update failed');
    // Never an apology into a chat that is flooded, and never one that needs the store (it may be what failed).
    if (!ctx.chat || isFlood(error) || isTokenRejected(error)) return;
    try {
      const language = hintedLanguage(ctx, deps);
      await ctx.telegram.sendMessage(ctx.chat.id, escapeHtml(assistant.engine.say(language, 'apology')), {
        parse_mode: 'HTML',
      });
    } catch (apologyError) {
      if (apologyError instanceof Dropped) throw apologyError;
      logger.warn({ err: apologyError }, 'telegram: could not apologise');
    }
  });

  const rejected = () => options.onTokenRejected?.();
  paceTelegram(bot.telegram, pacer, logger, rejected);
  bot.use((ctx, next) => {
    paceTelegram(ctx.telegram, pacer, logger, rejected);
    return next();
  });
  bot.use(buttons(deps), inline(deps, options.flagUrl), messages(deps));
  return Object.assign(bot, { pacer });
}
