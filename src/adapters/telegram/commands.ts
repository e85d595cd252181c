import { Composer, type Context } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Language } from '../../domain/schema.js';
import { encodeAsk, encodeLanguage } from './callback-data.js';
import { askAndSend, languageOf, replyTarget, sendText, type TelegramDeps, userOf } from './conversation.js';
import { rows } from './render.js';

/** The commands of the menu, in menu order; descriptions are `telegram.commands.<name>` in each locale. */
export const COMMANDS = ['start', 'help', 'partners', 'partner', 'map', 'timeline', 'about', 'lang'] as const;

/** Buttons for every partner in date order, each asking for its card. */
export function partnerButtons(deps: TelegramDeps, language: Language): InlineKeyboardButton[] {
  const engine = deps.assistant.engine;
  return engine.knowledge.chronological.flatMap((partner) => {
    const card = engine.card(partner.id, language);
    const data = encodeAsk({ intent: 'partner_info', partners: [partner.id] });
    return card && data ? [{ text: `${card.flag} ${card.name}`, callback_data: data }] : [];
  });
}

/** The /lang keyboard: one button a language (in its own name) and "automatic". */
export function languageButtons(deps: TelegramDeps, language: Language): InlineKeyboardButton[] {
  const engine = deps.assistant.engine;
  const choices: (Language | 'auto')[] = [...engine.languages, 'auto'];
  return choices.flatMap((choice) => {
    const data = encodeLanguage(choice);
    const text =
      choice === 'auto' ? engine.say(language, 'telegram.automatic') : engine.say(choice, 'meta.languageName');
    return data ? [{ text, callback_data: data }] : [];
  });
}

/** Stores a language choice and confirms it in the language now spoken. */
export async function chooseLanguage(ctx: Context, deps: TelegramDeps, choice: Language | 'auto'): Promise<void> {
  if (!ctx.from) return;
  const spoken = await deps.assistant.chooseLanguage(userOf(ctx.from), choice, ctx.from.language_code);
  const key = choice === 'auto' ? 'telegram.languageAuto' : 'telegram.languageSet';
  await sendText(ctx, deps.assistant.engine.say(spoken, key), { replyTo: replyTarget(ctx) });
}

/** /start /help /partners /partner /map /timeline /about /lang — each a thin call to the assistant or a menu. */
export function commands(deps: TelegramDeps): Composer<Context> {
  // The engine is read on every update: data/ and locales/ may be reloaded while running.
  const bot = new Composer<Context>();

  bot.start(async (ctx) => {
    // A deep link (t.me/<bot>?start=kirov) opens that partner's card.
    const [id, ...others] = ctx.payload ? deps.assistant.engine.resolvePartners(ctx.payload) : [];
    if (id && others.length === 0) {
      await askAndSend(ctx, deps, ctx.message.text, { intent: 'partner_info', partners: [id] });
    } else {
      await askAndSend(
        ctx,
        deps,
        ctx.message.text,
        { intent: 'greeting', partners: [] },
        { replyTo: replyTarget(ctx) },
      );
    }
  });

  bot.help((ctx) =>
    askAndSend(ctx, deps, ctx.message.text, { intent: 'help', partners: [] }, { replyTo: replyTarget(ctx) }),
  );

  bot.command('partners', (ctx) =>
    askAndSend(ctx, deps, ctx.message.text, { intent: 'list_partners', partners: [] }, { replyTo: replyTarget(ctx) }),
  );

  bot.command('partner', async (ctx) => {
    const name = ctx.payload.trim();
    const replyTo = replyTarget(ctx);
    if (name === '') {
      const language = await languageOf(ctx, deps);
      await sendText(ctx, deps.assistant.engine.say(language, 'telegram.partnerUsage'), {
        replyTo,
        keyboard: { inline_keyboard: rows(partnerButtons(deps, language)) },
      });
      return;
    }
    const [id, ...others] = deps.assistant.engine.resolvePartners(name);
    // One partner: its card. Several, or none: the engine asks which one, or says it is not a partner.
    if (id && others.length === 0) {
      await askAndSend(ctx, deps, ctx.message.text, { intent: 'partner_info', partners: [id] }, { replyTo });
    } else {
      await askAndSend(ctx, deps, name, undefined, { replyTo });
    }
  });

  bot.command('map', (ctx) => {
    const [id, ...others] = ctx.payload.trim() ? deps.assistant.engine.resolvePartners(ctx.payload) : [];
    const partner = id && others.length === 0 ? id : undefined;
    return askAndSend(
      ctx,
      deps,
      ctx.message.text,
      { intent: partner ? 'partner_info' : 'list_partners', partners: partner ? [partner] : [], picture: 'map' },
      { replyTo: replyTarget(ctx) },
    );
  });

  bot.command('timeline', (ctx) =>
    askAndSend(
      ctx,
      deps,
      ctx.message.text,
      { intent: 'list_partners', partners: [], picture: 'timeline' },
      { replyTo: replyTarget(ctx) },
    ),
  );

  bot.command('about', async (ctx) => {
    const language = await languageOf(ctx, deps);
    await sendText(ctx, deps.assistant.engine.say(language, 'telegram.about', { bot: ctx.botInfo.username }), {
      replyTo: replyTarget(ctx),
    });
  });

  bot.command('lang', async (ctx) => {
    const argument = ctx.payload.trim().toLowerCase();
    if (argument === 'auto' || deps.assistant.engine.languages.includes(argument)) {
      await chooseLanguage(ctx, deps, argument);
      return;
    }
    const language = await languageOf(ctx, deps);
    await sendText(ctx, deps.assistant.engine.say(language, 'telegram.chooseLanguage'), {
      replyTo: replyTarget(ctx),
      keyboard: { inline_keyboard: rows(languageButtons(deps, language)) },
    });
  });

  return bot;
}
