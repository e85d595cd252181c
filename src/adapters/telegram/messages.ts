import { Composer, type Context } from 'telegraf';
import type { Message, MessageEntity } from 'telegraf/types';
import { HANDLERS, parseCommand } from './commands.js';
import {
  askAndSend,
  languageOf,
  menuAllowed,
  messageOf,
  replyTarget,
  sendText,
  type TelegramDeps,
} from './conversation.js';
import { rows, suggestionButtons } from './render.js';

interface Readable {
  text: string;
  entities: readonly MessageEntity[] | undefined;
}

/** The words of a message: its text, or a photo's (video's, document's…) caption read like text. */
export function readableOf(message: Message): Readable | undefined {
  if ('text' in message) return { text: message.text, entities: message.entities };
  if ('caption' in message && message.caption) return { text: message.caption, entities: message.caption_entities };
  return undefined;
}

/** The question addressed to the bot in a group message, or undefined when the bot is not addressed. */
export function addressedText(
  message: Message,
  readable: Readable | undefined,
  bot: { id: number; username: string },
): string | undefined {
  const mention = `@${bot.username}`.toLowerCase();
  const text = readable?.text ?? '';
  const mentioned =
    (readable?.entities ?? []).some(
      (entity) =>
        entity.type === 'mention' && text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === mention,
    ) || new RegExp(`(^|\\W)${mention}(?!\\w)`, 'i').test(text);
  const repliedTo = 'reply_to_message' in message && message.reply_to_message?.from?.id === bot.id;
  if (!mentioned && !repliedTo) return undefined;
  return text.replace(new RegExp(`(^|\\W)${mention}(?!\\w)`, 'gi'), '$1').trim();
}

/** One short hint for what the bot cannot read (a sticker, a voice note, a place), with examples to press. */
async function hint(ctx: Context, deps: TelegramDeps): Promise<void> {
  if (!(await menuAllowed(ctx, deps))) return;
  const language = await languageOf(ctx, deps);
  const engine = deps.assistant.engine;
  const examples = engine.answer({ text: '', language, command: { intent: 'help', partners: [] } }).suggestions ?? [];
  const buttons = suggestionButtons(examples).slice(0, 4);
  await sendText(ctx, engine.say(language, 'telegram.textOnly'), {
    replyTo: replyTarget(ctx),
    keyboard: buttons.length > 0 ? { inline_keyboard: rows(buttons) } : undefined,
  });
}

/**
 * Messages, edited messages and channel posts. A command (any case) runs its handler; words (text
 * or a caption) are a question — always in a private chat, in a group or channel only when the bot
 * is mentioned or its message is replied to; anything else gets one hint. An edited question is
 * answered again by editing the earlier answer.
 */
export function messages(deps: TelegramDeps): Composer<Context> {
  const bot = new Composer<Context>();
  bot.on(['message', 'edited_message', 'channel_post'], async (ctx) => {
    const message = messageOf(ctx);
    const chat = ctx.chat;
    if (!message || !chat) return;
    // Our own posts in a channel, and a linked channel's posts forwarded into its discussion group.
    if ('is_automatic_forward' in message && message.is_automatic_forward) return;
    if (message.from?.id === ctx.botInfo.id) return;
    const edited = 'edited_message' in ctx.update;
    const readable = readableOf(message);
    const command = readable && parseCommand(readable.text, readable.entities, ctx.botInfo.username);
    if (command) {
      if (edited) return;
      if (command.known) {
        await HANDLERS[command.known]({ ctx, deps, payload: command.payload, text: readable.text });
        return;
      }
      // An unknown command is read as a question in private; in a group it is for another bot.
      if (chat.type !== 'private') return;
    }
    const question =
      chat.type === 'private' ? (readable?.text.trim() ?? '') : addressedText(message, readable, ctx.botInfo);
    if (question === undefined) return;
    if (question === '') {
      if (edited) return;
      // A bare mention asks what the bot does; a sticker or a voice note gets the hint.
      if (readable) await askAndSend(ctx, deps, '', { intent: 'help', partners: [] }, { replyTo: replyTarget(ctx) });
      else await hint(ctx, deps);
      return;
    }
    await askAndSend(ctx, deps, question, undefined, { replyTo: replyTarget(ctx), question: message });
  });
  return bot;
}
