import type { Context } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Language } from '../../domain/schema.js';
import { encodeAsk, encodeLanguage } from './callback-data.js';
import { askAndSend, languageOf, menuAllowed, replyTarget, sendText, type TelegramDeps } from './conversation.js';
import { rows } from './render.js';

/** The commands of the private-chat menu, in menu order; descriptions are `telegram.commands.<name>`. */
export const COMMANDS = [
  'start',
  'help',
  'partners',
  'partner',
  'map',
  'timeline',
  'about',
  'lang',
  'settings',
  'privacy',
] as const;
/** The smaller menu groups get: what is useful to everyone in the chat. */
export const GROUP_COMMANDS = ['partners', 'partner', 'map', 'timeline', 'help'] as const;

export type CommandName = (typeof COMMANDS)[number];

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

/** The sentence confirming a language choice, in the language now spoken. */
export function languageConfirmation(deps: TelegramDeps, choice: Language | 'auto', locale: string | undefined) {
  const engine = deps.assistant.engine;
  const spoken = choice === 'auto' ? (engine.languageOf(locale) ?? engine.defaultLanguage) : choice;
  return engine.say(spoken, choice === 'auto' ? 'telegram.languageAuto' : 'telegram.languageSet');
}

export interface CommandCall {
  ctx: Context;
  deps: TelegramDeps;
  /** What follows the command, trimmed. */
  payload: string;
  /** The whole message text (logged as the question). */
  text: string;
}

type Handler = (call: CommandCall) => Promise<void>;

const replyTo = (ctx: Context) => ({ replyTo: replyTarget(ctx) });

async function showLanguages({ ctx, deps }: CommandCall) {
  if (!(await menuAllowed(ctx, deps))) return;
  const language = await languageOf(ctx, deps);
  await sendText(ctx, deps.assistant.engine.say(language, 'telegram.chooseLanguage'), {
    ...replyTo(ctx),
    keyboard: { inline_keyboard: rows(languageButtons(deps, language)) },
  });
}

/** /start /help /partners /partner /map /timeline /about /lang /settings /privacy: thin calls to the assistant or a menu. */
export const HANDLERS: Record<CommandName, Handler> = {
  async start({ ctx, deps, payload, text }) {
    // A deep link (t.me/<bot>?start=kirov) opens that partner's card.
    const engine = deps.assistant.engine;
    const [id, ...others] = payload
      ? engine.card(payload, engine.defaultLanguage)
        ? [payload]
        : engine.resolvePartners(payload)
      : [];
    if (id && others.length === 0) {
      await askAndSend(ctx, deps, text, { intent: 'partner_info', partners: [id] }, replyTo(ctx));
    } else {
      await askAndSend(ctx, deps, text, { intent: 'greeting', partners: [] }, replyTo(ctx));
    }
  },
  help: ({ ctx, deps, text }) => askAndSend(ctx, deps, text, { intent: 'help', partners: [] }, replyTo(ctx)),
  partners: ({ ctx, deps, text }) =>
    askAndSend(ctx, deps, text, { intent: 'list_partners', partners: [] }, replyTo(ctx)),
  async partner({ ctx, deps, payload, text }) {
    if (payload === '') {
      if (!(await menuAllowed(ctx, deps))) return;
      const language = await languageOf(ctx, deps);
      await sendText(ctx, deps.assistant.engine.say(language, 'telegram.partnerUsage'), {
        ...replyTo(ctx),
        keyboard: { inline_keyboard: rows(partnerButtons(deps, language)) },
      });
      return;
    }
    const [id, ...others] = deps.assistant.engine.resolvePartners(payload);
    // One partner: its card. Several, or none: the engine asks which one, or says it is not a partner.
    if (id && others.length === 0) {
      await askAndSend(ctx, deps, text, { intent: 'partner_info', partners: [id] }, replyTo(ctx));
    } else {
      await askAndSend(ctx, deps, payload, undefined, replyTo(ctx));
    }
  },
  async map({ ctx, deps, payload, text }) {
    const [id, ...others] = payload ? deps.assistant.engine.resolvePartners(payload) : [];
    const partner = id && others.length === 0 ? id : undefined;
    await askAndSend(
      ctx,
      deps,
      text,
      { intent: partner ? 'partner_info' : 'list_partners', partners: partner ? [partner] : [], picture: 'map' },
      replyTo(ctx),
    );
  },
  timeline: ({ ctx, deps, text }) =>
    askAndSend(ctx, deps, text, { intent: 'list_partners', partners: [], picture: 'timeline' }, replyTo(ctx)),
  async about({ ctx, deps }) {
    if (!(await menuAllowed(ctx, deps))) return;
    const language = await languageOf(ctx, deps);
    await sendText(
      ctx,
      deps.assistant.engine.say(language, 'telegram.about', { bot: ctx.botInfo.username }),
      replyTo(ctx),
    );
  },
  async lang(call) {
    const { ctx, deps } = call;
    const argument = call.payload.toLowerCase();
    if ((argument === 'auto' || deps.assistant.engine.languages.includes(argument)) && ctx.from) {
      if (!(await menuAllowed(ctx, deps))) return;
      await deps.assistant.chooseLanguage(
        { platform: 'telegram', id: String(ctx.from.id) },
        argument,
        ctx.from.language_code,
      );
      await sendText(ctx, languageConfirmation(deps, argument, ctx.from.language_code), replyTo(ctx));
      return;
    }
    await showLanguages(call);
  },
  settings: showLanguages,
  async privacy({ ctx, deps }) {
    if (!(await menuAllowed(ctx, deps))) return;
    const language = await languageOf(ctx, deps);
    const minutes = Math.round(deps.conversationTtlSeconds / 60);
    await sendText(
      ctx,
      deps.assistant.engine.say(language, 'telegram.privacy', { minutes, days: deps.unansweredDays }),
      replyTo(ctx),
    );
  },
};

/** A command addressed to this bot, matched case-insensitively ("/Partners", "/HELP@SiedlceBot"). */
export function parseCommand(
  text: string,
  entities: readonly { type: string; offset: number; length: number }[] | undefined,
  botUsername: string,
): { name: string; payload: string; known: CommandName | undefined } | undefined {
  const first = entities?.[0];
  if (first?.type !== 'bot_command' || first.offset !== 0) return undefined;
  const [name = '', target] = text.slice(1, first.length).toLowerCase().split('@');
  // "/help@OtherBot" is for another bot in the group.
  if (target !== undefined && target !== botUsername.toLowerCase()) return undefined;
  const known = (COMMANDS as readonly string[]).includes(name) ? (name as CommandName) : undefined;
  return { name, payload: text.slice(first.length).trim(), known };
}
