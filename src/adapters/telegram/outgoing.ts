import { type Telegram, TelegramError } from 'telegraf';
import type { Logger } from '../../logger.js';
import type { Pacer } from './pacing.js';

/** Calls that post or change a message in a chat: paced per chat and retried after a 429. */
const MESSAGE_CALL = /^(send(?!ChatAction)|edit|copy|forward)/;
/** Answers the client waits for with a spinner: a late retry is worth nothing. */
const QUICK_CALLS = new Set(['answerCallbackQuery', 'answerInlineQuery']);

const WRAPPED = Symbol('siedlce.outgoing');

/**
 * Routes one Telegram client's calls through the pacer: messages wait for their chat's turn,
 * callback and inline answers retry only short floods, chat actions are tried once. A chat that
 * refuses our messages (403: blocked, removed from a group) is logged and skipped, and an edit
 * that changes nothing is not an error. A 401 is reported (the token is gone). Everything else
 * throws, to `bot.catch`.
 */
export function paceTelegram(
  telegram: Telegram,
  pacer: Pacer,
  logger: Logger,
  onTokenRejected: () => void = () => undefined,
): Telegram {
  const target = telegram as Telegram & { [WRAPPED]?: true };
  if (target[WRAPPED]) return telegram;
  target[WRAPPED] = true;
  const call = telegram.callApi.bind(telegram);

  const outgoing = async (...args: Parameters<typeof call>) => {
    const [method, payload] = args;
    const chat = (payload as { chat_id?: string | number } | undefined)?.chat_id;
    try {
      if (MESSAGE_CALL.test(method)) return await pacer.message(chat, method, () => call(...args));
      if (QUICK_CALLS.has(method)) return await pacer.quick(method, () => call(...args));
      if (method === 'sendChatAction') {
        return await call(...args).catch((error: unknown) => {
          logger.debug({ err: error, chat }, 'telegram: chat action not shown');
          return true as Awaited<ReturnType<typeof call>>;
        });
      }
      return await call(...args);
    } catch (error) {
      // A 401 on any call means the token was revoked: nothing else will work either.
      if (error instanceof TelegramError && error.code === 401) onTokenRejected();
      if (error instanceof TelegramError && error.code === 403 && chat !== undefined) {
        logger.warn({ method, chat, description: error.description }, 'telegram: chat refuses messages, skipped');
        return undefined as unknown as Awaited<ReturnType<typeof call>>;
      }
      if (error instanceof TelegramError && error.code === 400 && /message is not modified/i.test(error.description)) {
        return undefined as unknown as Awaited<ReturnType<typeof call>>;
      }
      throw error;
    }
  };
  telegram.callApi = outgoing as typeof telegram.callApi;
  return telegram;
}
