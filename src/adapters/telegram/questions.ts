import { Composer, type Context } from 'telegraf';
import { message } from 'telegraf/filters';
import type { Message } from 'telegraf/types';
import { askAndSend, replyTarget, type TelegramDeps } from './conversation.js';

/** The question addressed to the bot in a group message, or undefined when the bot is not addressed. */
export function addressedText(message: Message.TextMessage, bot: { id: number; username: string }): string | undefined {
  const mention = `@${bot.username}`.toLowerCase();
  const mentioned =
    (message.entities ?? []).some(
      (entity) =>
        entity.type === 'mention' &&
        message.text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === mention,
    ) || new RegExp(`(^|\\W)${mention}(?!\\w)`, 'i').test(message.text);
  const repliedTo = message.reply_to_message?.from?.id === bot.id;
  if (!mentioned && !repliedTo) return undefined;
  return message.text.replace(new RegExp(`(^|\\W)${mention}(?!\\w)`, 'gi'), '$1').trim();
}

/**
 * Plain questions: always in a private chat; in a group only when the bot is mentioned or its
 * message is replied to (with privacy mode on, Telegram sends the bot nothing else anyway).
 */
export function questions(deps: TelegramDeps): Composer<Context> {
  const bot = new Composer<Context>();
  bot.on(message('text'), async (ctx) => {
    const chat = ctx.chat;
    if (chat.type === 'private') {
      await askAndSend(ctx, deps, ctx.message.text);
      return;
    }
    if (chat.type !== 'group' && chat.type !== 'supergroup') return;
    // A command the other handlers did not take is meant for another bot.
    if (ctx.message.entities?.[0]?.type === 'bot_command' && ctx.message.entities[0].offset === 0) return;
    const text = addressedText(ctx.message, ctx.botInfo);
    if (text === undefined) return;
    await askAndSend(ctx, deps, text, undefined, { replyTo: replyTarget(ctx) });
  });
  return bot;
}
