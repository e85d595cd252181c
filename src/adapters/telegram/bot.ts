import { type Context, Telegraf } from 'telegraf';
import type { Logger } from '../../logger.js';
import type { Assistant } from '../../service/assistant.js';
import { adapterLogger, keyedQueue } from '../shared.js';
import { buttons } from './buttons.js';
import { commands } from './commands.js';
import type { TelegramDeps } from './conversation.js';
import { escapeHtml } from './html.js';
import { inline } from './inline.js';
import { questions } from './questions.js';
import { makeResilient, type ResilienceOptions } from './resilience.js';

export interface TelegramBotOptions {
  assistant: Assistant;
  logger: Logger;
  token: string;
  /** Bot API address: a self-hosted Bot API server, or an emulator in tests. */
  apiRoot?: string | undefined;
  resilience?: ResilienceOptions;
  /**
   * Handle updates side by side instead of one batch at a time: telegraf's polling waits for a
   * whole batch, so one chat waiting out a 429 would hold up every other chat. Questions of one
   * conversation still run in order. Off by default so `await bot.handleUpdate()` waits for the
   * answer.
   */
  concurrent?: boolean;
}

/** Updates handled at once at most in concurrent mode; past it, fetching waits for one to finish. */
const MAX_IN_FLIGHT = 256;

export type TelegramBot = Telegraf & {
  /** Resolves when every update taken so far has been handled. */
  drain(): Promise<void>;
};

/**
 * The Telegram bot, wired but not started: composable handlers in order (commands, buttons, inline
 * mode, plain questions), every outgoing call resilient, every error caught. Feed it updates with
 * `bot.handleUpdate`, or start it with startTelegram.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { assistant } = options;
  const logger = adapterLogger(options.logger, 'telegram', options.token);
  const bot = new Telegraf(options.token, {
    // Every call a real request, so its result and errors (429, 403) are seen.
    telegram: { webhookReply: false, ...(options.apiRoot ? { apiRoot: options.apiRoot } : {}) },
  });
  const deps: TelegramDeps = { assistant, logger, serial: keyedQueue() };

  // telegraf's default handler rethrows and ends the process: log, apologise, keep running.
  const handleError = async (error: unknown, ctx: Context) => {
    logger.error({ err: error, updateId: ctx.update.update_id, updateType: ctx.updateType }, 'telegram: update failed');
    if (!ctx.chat) return;
    try {
      const language = ctx.from
        ? await assistant.languageFor({ platform: 'telegram', id: String(ctx.from.id) }, ctx.from.language_code)
        : assistant.engine.defaultLanguage;
      await ctx.telegram.sendMessage(ctx.chat.id, escapeHtml(assistant.engine.say(language, 'apology')), {
        parse_mode: 'HTML',
      });
    } catch (apologyError) {
      logger.warn({ err: apologyError }, 'telegram: could not apologise');
    }
  };
  bot.catch(handleError);

  const inFlight = new Set<Promise<void>>();
  makeResilient(bot.telegram, logger, options.resilience);
  bot.use(async (ctx, next) => {
    makeResilient(ctx.telegram, logger, options.resilience);
    if (!options.concurrent) return next();
    const work = Promise.resolve(next()).catch((error: unknown) => handleError(error, ctx));
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
  });
  bot.use(commands(deps), buttons(deps), inline(deps), questions(deps));

  return Object.assign(bot, {
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  });
}
