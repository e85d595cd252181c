import { Composer, type Context } from 'telegraf';
import { type ButtonAction, decodeAction } from './callback-data.js';
import { languageConfirmation } from './commands.js';
import {
  askAndSend,
  hintedLanguage,
  languageOf,
  menuAllowed,
  sendText,
  type TelegramDeps,
  userOf,
} from './conversation.js';
import { Dropped } from './pacing.js';

/** An action whose ids still mean something now (data/ and locales/ may have changed since the button was sent). */
function isLive(action: ButtonAction | undefined, deps: TelegramDeps): action is ButtonAction {
  const engine = deps.assistant.engine;
  if (!action) return false;
  const known = (id: string) => engine.card(id, engine.defaultLanguage) !== undefined;
  switch (action.kind) {
    case 'ask':
      return action.command.partners.every(known);
    case 'location':
      return known(action.partner);
    case 'language':
      return action.choice === 'auto' || engine.languages.includes(action.choice);
  }
}

/**
 * Button presses. The callback is answered first (the client shows a spinner until then): with a
 * toast for a stale button or a language chosen in a group, empty otherwise. Then the action runs:
 * a question to the assistant, a partner's place as a venue, or a language — which, in a private
 * chat, edits the menu into its confirmation and removes the keyboard.
 */
export function buttons(deps: TelegramDeps): Composer<Context> {
  const bot = new Composer<Context>();
  bot.on('callback_query', async (ctx) => {
    const engine = deps.assistant.engine;
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    const action = decodeAction(data);
    const menu = ctx.callbackQuery.message;
    if (!isLive(action, deps) || !ctx.chat || !menu) {
      deps.logger.debug({ data }, 'telegram: stale or unknown button');
      await ctx.answerCbQuery(engine.say(hintedLanguage(ctx, deps), 'telegram.staleButton'));
      return;
    }
    const warn = (error: unknown) => deps.logger.warn({ err: error }, 'telegram: could not answer a callback query');
    switch (action.kind) {
      case 'ask':
        await ctx.answerCbQuery().catch(warn);
        await askAndSend(ctx, deps, `button:${data}`, action.command);
        return;
      case 'location': {
        if (!(await menuAllowed(ctx, deps))) return;
        await ctx.answerCbQuery().catch(warn);
        const card = engine.card(action.partner, await languageOf(ctx, deps));
        if (!card) return;
        const address = [card.region, card.countryName].filter(Boolean).join(', ');
        await ctx.telegram.sendVenue(
          ctx.chat.id,
          card.coordinates.lat,
          card.coordinates.lon,
          `${card.flag} ${card.name}`,
          address,
        );
        return;
      }
      case 'language': {
        if (!(await menuAllowed(ctx, deps))) return;
        const locale = ctx.from.language_code;
        const confirmation = languageConfirmation(deps, action.choice, locale);
        const group = ctx.chat.type !== 'private';
        // In a group the menu is everyone's: the presser gets a toast, the keyboard stays.
        await ctx.answerCbQuery(group ? confirmation : undefined).catch(warn);
        await deps.assistant.chooseLanguage(userOf(ctx.from), action.choice, locale);
        if (group) return;
        try {
          await ctx.telegram.editMessageText(ctx.chat.id, menu.message_id, undefined, confirmation, {
            reply_markup: { inline_keyboard: [] },
          });
        } catch (error) {
          if (error instanceof Dropped) throw error;
          // Too old to edit (48 h): say it in a new message.
          deps.logger.debug({ err: error }, 'telegram: menu not edited');
          await sendText(ctx, confirmation);
        }
        return;
      }
    }
  });
  return bot;
}
