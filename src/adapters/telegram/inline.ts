import { Composer, type Context } from 'telegraf';
import type { InlineQueryResultArticle } from 'telegraf/types';
import { languageOf, type TelegramDeps } from './conversation.js';
import { MESSAGE_LIMIT, visibleLength } from './html.js';
import { renderCard } from './render.js';

/** Telegram takes at most 50 results for one inline query. */
const MAX_RESULTS = 50;

/** Inline mode: `@bot kirov` in any chat offers the matching partners' cards in the user's language. */
export function inline(deps: TelegramDeps): Composer<Context> {
  const bot = new Composer<Context>();
  bot.on('inline_query', async (ctx) => {
    const engine = deps.assistant.engine;
    const language = await languageOf(ctx, deps);
    const query = ctx.inlineQuery.query.trim().slice(0, 100);
    const results = engine
      .searchPartners(query, language)
      .slice(0, MAX_RESULTS)
      .flatMap((choice): InlineQueryResultArticle[] => {
        const card = engine.card(choice.id, language);
        if (!card) return [];
        let html = renderCard(card, engine, language);
        if (visibleLength(html) > MESSAGE_LIMIT) html = renderCard(card, engine, language, { activities: false });
        return [
          {
            type: 'article',
            id: choice.id,
            title: choice.label,
            description: `${card.signedText} · ${card.areas.join(', ')}`,
            input_message_content: {
              message_text: html,
              parse_mode: 'HTML',
              link_preview_options: { is_disabled: true },
            },
          },
        ];
      });
    await ctx.answerInlineQuery(results, { cache_time: 300, is_personal: true });
  });
  return bot;
}
