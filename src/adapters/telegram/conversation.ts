import { createHash } from 'node:crypto';
import { type Context, TelegramError } from 'telegraf';
import type { Message } from 'telegraf/types';
import type { Language } from '../../domain/schema.js';
import type { Command, Reply } from '../../engine/index.js';
import type { Logger } from '../../logger.js';
import type { Assistant, RateLimiter } from '../../service/assistant.js';
import type { UserRef } from '../../store/state.js';
import type { Serial } from '../shared.js';
import type { BoundedMap } from './bounded.js';
import { CAPTION_LIMIT, escapeHtml, visibleLength } from './html.js';
import { Dropped } from './pacing.js';
import { type Rendered, renderReply } from './render.js';

/** What every handler needs. */
export interface TelegramDeps {
  assistant: Assistant;
  logger: Logger;
  /** Runs tasks of one key one after another (questions of one conversation stay in order). */
  serial: Serial;
  /** The cheaper bucket: menus, buttons that answer from a menu, hints, inline queries. */
  menuLimiter: RateLimiter;
  /** `chat:question message id` → the ids of the messages that answered it, to edit them on an edit. */
  answers: BoundedMap<string, number[]>;
  /** A picture's hash → Telegram's file_id for it, to send it again without uploading. */
  photos: BoundedMap<string, string>;
  /** How long conversation context is kept, and unanswered questions, for /privacy. */
  conversationTtlSeconds: number;
  unansweredDays: number;
}

/** Who asks: a person, or the chat an anonymous admin or a channel posts as. */
export interface Sender {
  user: UserRef;
  /** The id that keys the conversation (a chat id for anonymous admins and channels). */
  id: number;
  languageCode?: string | undefined;
}

export const userOf = (from: { id: number }): UserRef => ({ platform: 'telegram', id: String(from.id) });

/** The message of the update: new, edited, or a channel post. */
export function messageOf(ctx: Context): Message | undefined {
  const update = ctx.update;
  if ('message' in update) return update.message;
  if ('edited_message' in update) return update.edited_message;
  if ('channel_post' in update) return update.channel_post;
  return undefined;
}

/**
 * The sender of this update. Anonymous group admins all come `from` GroupAnonymousBot and channel
 * posts from nobody: both are keyed by `sender_chat`, so they do not share one identity.
 */
export function senderOf(ctx: Context): Sender | undefined {
  const message = messageOf(ctx);
  const senderChat = message && 'sender_chat' in message ? message.sender_chat : undefined;
  if (senderChat) return { user: userOf(senderChat), id: senderChat.id, languageCode: undefined };
  const from = ctx.from;
  return from ? { user: userOf(from), id: from.id, languageCode: from.language_code } : undefined;
}

/** Conversation context is kept per chat and sender: two people in one group do not mix follow-ups. */
export const sessionOf = (chatId: number, senderId: number) => `telegram:${chatId}:${senderId}`;

export interface SendOptions {
  /** In groups the answer is a reply to the question it answers. */
  replyTo?: number | undefined;
}

/** The message a command or question came in, when it should be replied to (groups only). */
export function replyTarget(ctx: Context): number | undefined {
  const message = messageOf(ctx);
  if (ctx.chat?.type === 'private' || ctx.chat?.type === 'channel' || !message) return undefined;
  return message.message_id;
}

function threadOf(ctx: Context): number | undefined {
  const message = messageOf(ctx) ?? ctx.callbackQuery?.message;
  return message && 'is_topic_message' in message && message.is_topic_message ? message.message_thread_id : undefined;
}

const sendOptions = (ctx: Context, keyboard: Rendered['keyboard'], replyTo: number | undefined) => ({
  parse_mode: 'HTML' as const,
  link_preview_options: { is_disabled: true },
  message_thread_id: threadOf(ctx),
  reply_markup: keyboard,
  reply_parameters: replyTo !== undefined ? { message_id: replyTo, allow_sending_without_reply: true } : undefined,
});

/** Sends rendered HTML messages to the chat of the update, the keyboard under the last one; returns their ids. */
export async function send(ctx: Context, rendered: Rendered, options: SendOptions = {}): Promise<number[]> {
  const chat = ctx.chat;
  if (!chat) return [];
  const ids: number[] = [];
  const last = rendered.messages.length - 1;
  for (const [index, html] of rendered.messages.entries()) {
    const sent = await ctx.telegram.sendMessage(
      chat.id,
      html,
      sendOptions(ctx, index === last ? rendered.keyboard : undefined, index === 0 ? options.replyTo : undefined),
    );
    if (sent) ids.push(sent.message_id);
  }
  return ids;
}

/** Sends one plain sentence (escaped). */
export const sendText = (ctx: Context, text: string, options?: SendOptions & Pick<Rendered, 'keyboard'>) =>
  send(ctx, { messages: [escapeHtml(text)], keyboard: options?.keyboard }, options);

/** Puts a new answer where the old one was: the first messages edited, extra ones sent, leftovers deleted. */
async function replace(ctx: Context, previous: number[], rendered: Rendered): Promise<number[]> {
  const chat = ctx.chat;
  if (!chat) return [];
  const ids: number[] = [];
  const last = rendered.messages.length - 1;
  for (const [index, html] of rendered.messages.entries()) {
    const keyboard = index === last ? rendered.keyboard : undefined;
    const old = previous[index];
    const edited =
      old !== undefined &&
      (await ctx.telegram
        .editMessageText(chat.id, old, undefined, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          reply_markup: keyboard,
        })
        .then(
          () => true,
          (error: unknown) => {
            // A photo's caption, or a message too old or deleted: the new answer is sent instead.
            if (error instanceof TelegramError && error.code === 400) return false;
            throw error;
          },
        ));
    if (edited && old !== undefined) {
      ids.push(old);
    } else {
      const sent = await ctx.telegram.sendMessage(chat.id, html, sendOptions(ctx, keyboard, undefined));
      if (sent) ids.push(sent.message_id);
    }
  }
  for (const extra of previous.slice(rendered.messages.length)) {
    await ctx.telegram.deleteMessage(chat.id, extra).catch(() => undefined);
  }
  return ids;
}

export interface AskOptions extends SendOptions {
  /** The question's own message: its answer is remembered, and edited when the question is. */
  question?: Message | undefined;
}

const CHAT_ACTION_MS = 4000;

const answerKey = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

/**
 * Asks the assistant for the sender of this update and sends its answer: the reply rendered (a
 * picture with the text as its caption when it fits), or the rate-limit notice once (then silence).
 * An edited question whose answer is remembered gets that answer edited instead.
 */
export async function askAndSend(
  ctx: Context,
  deps: TelegramDeps,
  text: string,
  command?: Command,
  options: AskOptions = {},
): Promise<void> {
  const sender = senderOf(ctx);
  const chat = ctx.chat;
  if (!sender || !chat) return;
  const session = sessionOf(chat.id, sender.id);
  await deps.serial(session, async () => {
    const outcome = await deps.assistant.ask({
      user: sender.user,
      session,
      text,
      locale: sender.languageCode,
      command,
    });
    if (outcome.kind === 'limited') {
      if (outcome.text) await sendText(ctx, outcome.text, options);
      return;
    }
    const rendered = renderReply(outcome.reply, deps.assistant.engine);
    const key = options.question ? answerKey(chat.id, options.question.message_id) : undefined;
    const previous = key ? deps.answers.get(key) : undefined;
    let ids: number[];
    if (previous && 'edited_message' in ctx.update) {
      ids = await replace(ctx, previous, rendered);
      await sendPicture(ctx, deps, outcome.reply, undefined);
    } else if (outcome.reply.picture) {
      ids = await sendWithPicture(ctx, deps, outcome.reply, rendered, options);
    } else {
      ids = await send(ctx, rendered, options);
    }
    if (key && ids.length > 0) deps.answers.set(key, ids);
  });
}

/** A reply with a picture: one photo with the text as caption when it fits, else the text and then the photo. */
async function sendWithPicture(
  ctx: Context,
  deps: TelegramDeps,
  reply: Reply,
  rendered: Rendered,
  options: SendOptions,
): Promise<number[]> {
  const [only, ...more] = rendered.messages;
  if (only !== undefined && more.length === 0 && visibleLength(only) <= CAPTION_LIMIT) {
    const id = await sendPicture(ctx, deps, reply, {
      html: only,
      keyboard: rendered.keyboard,
      replyTo: options.replyTo,
    });
    // The picture failed (logged): the text alone still answers.
    return id !== undefined ? [id] : send(ctx, rendered, options);
  }
  const ids = await send(ctx, rendered, options);
  await sendPicture(ctx, deps, reply, undefined);
  return ids;
}

interface Caption {
  html: string;
  keyboard: Rendered['keyboard'];
  replyTo: number | undefined;
}

/**
 * Sends the map or timeline a reply asks for as a photo: "upload_photo" while it is drawn, then by
 * the file_id Telegram gave it last time, or uploaded once. Returns the photo message's id, or
 * undefined when it could not be sent (logged; the caller sends the text instead).
 */
async function sendPicture(
  ctx: Context,
  deps: TelegramDeps,
  reply: Reply,
  caption: Caption | undefined,
): Promise<number | undefined> {
  const chat = ctx.chat;
  if (!chat || !reply.picture) return undefined;
  // Telegram shows a chat action for 5 s: say it again while the picture is still being drawn.
  const showUploading = () =>
    ctx.telegram.sendChatAction(chat.id, 'upload_photo', { message_thread_id: threadOf(ctx) }).catch(() => undefined);
  let drawing: NodeJS.Timeout | undefined;
  try {
    await showUploading();
    drawing = setInterval(() => void showUploading(), CHAT_ACTION_MS);
    const picture = await deps.assistant.picture(reply).finally(() => clearInterval(drawing));
    if (!picture) return undefined;
    const title = escapeHtml(deps.assistant.engine.say(reply.language, `pictures.${reply.picture.kind}Title`));
    const extra = {
      ...sendOptions(ctx, caption?.keyboard, caption?.replyTo),
      caption: caption?.html ?? title,
    };
    const hash = createHash('sha256').update(picture.png).digest('hex');
    const cached = deps.photos.get(hash);
    let sent: Message.PhotoMessage | undefined;
    if (cached) {
      sent = await ctx.telegram.sendPhoto(chat.id, cached, extra).catch((error: unknown) => {
        // A file_id Telegram no longer knows: upload again.
        if (error instanceof TelegramError && error.code === 400) return undefined;
        throw error;
      });
    }
    sent ??= await ctx.telegram.sendPhoto(chat.id, { source: picture.png, filename: picture.filename }, extra);
    const largest = sent?.photo?.at(-1);
    if (largest) deps.photos.set(hash, largest.file_id);
    return sent?.message_id;
  } catch (error) {
    if (error instanceof Dropped) throw error;
    deps.logger.warn({ err: error, picture: reply.picture }, 'telegram: could not send a picture');
    return undefined;
  } finally {
    clearInterval(drawing);
  }
}

/** The language to speak to this update's sender in when there is no question to read it from. */
export async function languageOf(ctx: Context, deps: TelegramDeps): Promise<Language> {
  const sender = senderOf(ctx);
  if (!sender) return deps.assistant.engine.defaultLanguage;
  return deps.assistant.languageFor(sender.user, sender.languageCode);
}

/** The language of the update's sender from the update alone (no store): for apologies. */
export function hintedLanguage(ctx: Context, deps: Pick<TelegramDeps, 'assistant'>): Language {
  const engine = deps.assistant.engine;
  return engine.languageOf(ctx.from?.language_code) ?? engine.defaultLanguage;
}

/**
 * Takes one from the menu bucket for this update's sender: true when the menu may be shown. Over
 * the limit, the first refusal is said (as a toast for a button), the rest are silence.
 */
export async function menuAllowed(ctx: Context, deps: TelegramDeps): Promise<boolean> {
  const sender = senderOf(ctx);
  if (!sender) return false;
  const verdict = await deps.menuLimiter.take({ platform: 'telegram', id: `menu:${sender.user.id}` });
  if (verdict === 'allow') return true;
  if (verdict === 'refuse') {
    const text = deps.assistant.engine.say(await languageOf(ctx, deps), 'rateLimited');
    if (ctx.callbackQuery) await ctx.answerCbQuery(text).catch(() => undefined);
    else if (ctx.inlineQuery) return false;
    else await sendText(ctx, text, { replyTo: replyTarget(ctx) });
  } else if (ctx.callbackQuery) {
    await ctx.answerCbQuery().catch(() => undefined);
  }
  return false;
}
