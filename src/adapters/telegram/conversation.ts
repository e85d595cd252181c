import type { Context } from 'telegraf';
import type { Language } from '../../domain/schema.js';
import type { Command, Reply } from '../../engine/index.js';
import type { Logger } from '../../logger.js';
import type { Assistant } from '../../service/assistant.js';
import type { UserRef } from '../../store/state.js';
import type { Serial } from '../shared.js';
import { escapeHtml } from './html.js';
import { type Rendered, renderReply } from './render.js';

/** What every handler needs. */
export interface TelegramDeps {
  assistant: Assistant;
  logger: Logger;
  /** Runs tasks of one key one after another (questions of one conversation stay in order). */
  serial: Serial;
}

export const userOf = (from: { id: number }): UserRef => ({ platform: 'telegram', id: String(from.id) });

/** Conversation context is kept per chat and user: two people in one group do not mix follow-ups. */
export const sessionOf = (chatId: number, userId: number) => `telegram:${chatId}:${userId}`;

export interface SendOptions {
  /** In groups the answer is a reply to the question it answers. */
  replyTo?: number | undefined;
}

/** The message a command or question came in, when it should be replied to (groups only). */
export function replyTarget(ctx: Context): number | undefined {
  if (ctx.chat?.type === 'private' || !ctx.message) return undefined;
  return ctx.message.message_id;
}

function threadOf(ctx: Context): number | undefined {
  const message = ctx.message ?? ctx.callbackQuery?.message;
  return message && 'is_topic_message' in message && message.is_topic_message ? message.message_thread_id : undefined;
}

/** Sends rendered HTML messages to the chat of the update, the keyboard under the last one. */
export async function send(ctx: Context, rendered: Rendered, options: SendOptions = {}): Promise<void> {
  const chat = ctx.chat;
  if (!chat) return;
  const last = rendered.messages.length - 1;
  for (const [index, html] of rendered.messages.entries()) {
    await ctx.telegram.sendMessage(chat.id, html, {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      message_thread_id: threadOf(ctx),
      reply_markup: index === last ? rendered.keyboard : undefined,
      reply_parameters:
        index === 0 && options.replyTo !== undefined
          ? { message_id: options.replyTo, allow_sending_without_reply: true }
          : undefined,
    });
  }
}

/** Sends one plain sentence (escaped). */
export const sendText = (ctx: Context, text: string, options?: SendOptions & Pick<Rendered, 'keyboard'>) =>
  send(ctx, { messages: [escapeHtml(text)], keyboard: options?.keyboard }, options);

/**
 * Asks the assistant for the user of this update and sends its answer: the reply rendered, or the
 * rate-limit notice once (then silence).
 */
export async function askAndSend(
  ctx: Context,
  deps: TelegramDeps,
  text: string,
  command?: Command,
  options: SendOptions = {},
): Promise<void> {
  const from = ctx.from;
  const chat = ctx.chat;
  if (!from || !chat) return;
  const session = sessionOf(chat.id, from.id);
  await deps.serial(session, async () => {
    const outcome = await deps.assistant.ask({
      user: userOf(from),
      session,
      text,
      locale: from.language_code,
      command,
    });
    if (outcome.kind === 'limited') {
      if (outcome.text) await sendText(ctx, outcome.text, options);
      return;
    }
    await send(ctx, renderReply(outcome.reply, deps.assistant.engine), options);
    await sendPicture(ctx, deps, outcome.reply);
  });
}

/** Telegram's limit for a photo caption. */
const CAPTION_LIMIT = 1024;

/** Sends the map or timeline a reply asks for as a photo; a failure is logged, the text was sent. */
async function sendPicture(ctx: Context, deps: TelegramDeps, reply: Reply): Promise<void> {
  const chat = ctx.chat;
  if (!chat || !reply.picture) return;
  try {
    const picture = await deps.assistant.picture(reply);
    if (!picture) return;
    const caption = deps.assistant.engine.say(reply.language, `pictures.${reply.picture.kind}Title`);
    await ctx.telegram.sendPhoto(
      chat.id,
      { source: picture.png, filename: picture.filename },
      { caption: caption.slice(0, CAPTION_LIMIT), message_thread_id: threadOf(ctx) },
    );
  } catch (error) {
    deps.logger.warn({ err: error, picture: reply.picture }, 'telegram: could not send a picture');
  }
}

/** The language to speak to this update's user in when there is no question to read it from. */
export async function languageOf(ctx: Context, deps: TelegramDeps): Promise<Language> {
  if (!ctx.from) return deps.assistant.engine.defaultLanguage;
  return deps.assistant.languageFor(userOf(ctx.from), ctx.from.language_code);
}
