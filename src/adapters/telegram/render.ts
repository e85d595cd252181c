import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'telegraf/types';
import type { Language } from '../../domain/schema.js';
import type { Card, Engine, Reply, Suggestion } from '../../engine/index.js';
import { encodeAsk, encodeLocation } from './callback-data.js';
import { bold, escapeHtml, italic, splitMessage } from './html.js';

/** What one reply becomes on Telegram: HTML messages in order, the keyboard under the last one. */
export interface Rendered {
  messages: string[];
  keyboard?: InlineKeyboardMarkup | undefined;
}

type Say = (key: string, values?: Record<string, unknown>) => string;

const sayer =
  (engine: Engine, language: Language): Say =>
  (key, values) =>
    engine.say(language, key, values);

/** A partner's card: flag, name, country, signing date, areas, institutions, purpose and activities. */
export function renderCard(card: Card, engine: Engine, language: Language, options = { activities: true }): string {
  const say = sayer(engine, language);
  const field = (label: string, value: string) => `${bold(`${label}:`)} ${escapeHtml(value)}`;
  const lines = [`${escapeHtml(card.flag)} ${bold(card.name)}`];
  if (card.officialName && card.officialName !== card.name) lines.push(italic(card.officialName));
  lines.push(field(say('card.country'), card.countryName));
  if (card.region) lines.push(field(say('card.region'), card.region));
  lines.push(field(say('card.signed'), card.signedText));
  if (card.areas.length > 0) lines.push(field(say('card.areas'), card.areas.join(', ')));
  if (card.institutions.length > 0) {
    lines.push(bold(`${say('card.institutions')}:`));
    for (const institution of card.institutions) {
      lines.push(`• ${escapeHtml(institution.name)} (${escapeHtml(say(`side.${institution.side}`))})`);
    }
  }
  lines.push(field(say('card.distance'), say('card.distanceValue', { km: card.distanceKm })));
  if (card.purpose) lines.push('', field(say('card.purpose'), card.purpose));
  if (options.activities && card.activities.length > 0) {
    lines.push('', bold(`${say('card.activities')}:`));
    for (const activity of card.activities) lines.push(`• ${escapeHtml(activity)}`);
  }
  return lines.join('\n');
}

/** The reply's body as HTML: cards for a partner's card, else its text with a list's first line in bold. */
function renderBody(reply: Reply, engine: Engine): string {
  const cards = reply.cards ?? (reply.card ? [reply.card] : []);
  if (reply.intent === 'partner_info' && cards.length > 0) {
    return cards.map((card) => renderCard(card, engine, reply.language)).join('\n\n');
  }
  const [first = '', ...rest] = reply.text.split('\n');
  const head = reply.list ? bold(first) : escapeHtml(first);
  return [head, ...rest.map(escapeHtml)].join('\n');
}

const BUTTON_TEXT_LIMIT = 60;
const shorten = (label: string) =>
  label.length > BUTTON_TEXT_LIMIT ? `${label.slice(0, BUTTON_TEXT_LIMIT - 1).trimEnd()}…` : label;

/** Buttons in rows: two a row when the labels are short, one a row otherwise. */
export function rows(buttons: InlineKeyboardButton[]): InlineKeyboardButton[][] {
  const short = buttons.every((button) => button.text.length <= 24);
  const perRow = short ? 2 : 1;
  const result: InlineKeyboardButton[][] = [];
  for (let index = 0; index < buttons.length; index += perRow) result.push(buttons.slice(index, index + perRow));
  return result;
}

/** Suggestions become callback buttons carrying ids only; one that would not fit in 64 bytes is left out. */
export function suggestionButtons(suggestions: readonly Suggestion[]): InlineKeyboardButton[] {
  const buttons: InlineKeyboardButton[] = [];
  for (const suggestion of suggestions) {
    const data = encodeAsk(suggestion.command);
    if (data) buttons.push({ text: shorten(suggestion.label), callback_data: data });
  }
  return buttons;
}

/** Turns a reply into HTML messages of at most 4096 visible characters and an inline keyboard. */
export function renderReply(reply: Reply, engine: Engine): Rendered {
  const buttons = suggestionButtons(reply.suggestions ?? []);
  if (reply.card && reply.partners.length === 1) {
    const data = encodeLocation(reply.card.id);
    if (data) buttons.push({ text: engine.say(reply.language, 'telegram.location'), callback_data: data });
  }
  return {
    messages: splitMessage(renderBody(reply, engine)),
    keyboard: buttons.length > 0 ? { inline_keyboard: rows(buttons) } : undefined,
  };
}
