import { Composer, type Context } from 'telegraf';
import { decodeAction } from './callback-data.js';
import { chooseLanguage } from './commands.js';
import { askAndSend, languageOf, type TelegramDeps } from './conversation.js';

/**
 * Button presses. The callback is answered first (the client shows a spinner until then), then
 * the action its ids stand for runs: a question to the assistant, a partner's location, a language.
 */
export function buttons(deps: TelegramDeps): Composer<Context> {
  const bot = new Composer<Context>();
  bot.on('callback_query', async (ctx) => {
    const engine = deps.assistant.engine;
    await ctx.answerCbQuery().catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'telegram: could not answer a callback query');
    });
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    const action = decodeAction(data);
    // Buttons live in chats; a press without a chat (an inline message) or with forged data does nothing.
    if (!action || !ctx.chat) {
      deps.logger.debug({ data }, 'telegram: callback ignored');
      return;
    }
    switch (action.kind) {
      case 'ask':
        await askAndSend(ctx, deps, `button:${data}`, action.command);
        return;
      case 'language':
        if (action.choice === 'auto' || engine.languages.includes(action.choice)) {
          await chooseLanguage(ctx, deps, action.choice);
        }
        return;
      case 'location': {
        const card = engine.card(action.partner, await languageOf(ctx, deps));
        if (card) await ctx.telegram.sendLocation(ctx.chat.id, card.coordinates.lat, card.coordinates.lon);
        return;
      }
    }
  });
  return bot;
}
