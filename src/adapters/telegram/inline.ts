import { Composer, type Context } from 'telegraf';
import type { InlineQueryResultArticle } from 'telegraf/types';
import { languageOf, menuAllowed, type TelegramDeps } from './conversation.js';
import { MESSAGE_LIMIT, visibleLength } from './html.js';
import { renderCard } from './render.js';

/** Telegram takes at most 50 results for one inline query. */
const MAX_RESULTS = 50;

/** A flag picture for a country code; the Bot API wants a URL for a thumbnail. */
export type FlagUrl = (countryCode: string) => string | undefined;

export const FLAG_CDN: FlagUrl = (code) =>
  /^[a-z]{2}$/i.test(code) ? `https://flagcdn.com/w80/${code.toLowerCase()}.png` : undefined;

/**
 * Inline mode: `@bot kirov` in any chat offers the matching partners' cards in the user's language,
 * each with its flag as thumbnail and a button that opens the card in a private chat with the bot
 * (a deep link). Results are personal: they depend on the user's language.
 */
export function inline(deps: TelegramDeps, flagUrl: FlagUrl = FLAG_CDN): Composer<Context> {
  const bot = new Composer<Context>();
  bot.on('inline_query', async (ctx) => {
    if (!(await menuAllowed(ctx, deps))) return;
    const engine = deps.assistant.engine;
    const language = await languageOf(ctx, deps);
    const query = ctx.inlineQuery.query.trim().slice(0, 100);
    const open = engine.say(language, 'telegram.openInBot');
    const results = engine
      .searchPartners(query, language)
      .slice(0, MAX_RESULTS)
      .flatMap((choice): InlineQueryResultArticle[] => {
        const card = engine.card(choice.id, language);
        if (!card) return [];
        let html = renderCard(card, engine, language);
        if (visibleLength(html) > MESSAGE_LIMIT) html = renderCard(card, engine, language, { activities: false });
        const thumbnail = flagUrl(card.country);
        return [
          {
            type: 'article',
            id: choice.id,
            title: choice.label,
            description: `${card.signedText} · ${card.areas.join(', ')}`,
            ...(thumbnail ? { thumbnail_url: thumbnail, thumbnail_width: 80, thumbnail_height: 60 } : {}),
            input_message_content: {
              message_text: html,
              parse_mode: 'HTML',
              link_preview_options: { is_disabled: true },
            },
            reply_markup: {
              inline_keyboard: [[{ text: open, url: `https://t.me/${ctx.botInfo.username}?start=${card.id}` }]],
            },
          },
        ];
      });
    await ctx.answerInlineQuery(results, { cache_time: 300, is_personal: true });
  });
  return bot;
}
