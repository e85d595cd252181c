import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
  escapeMarkdown,
} from 'discord.js';
import type { Language } from '../../domain/schema.js';
import type { Card, Engine, ListItem, Reply, Suggestion } from '../../engine/index.js';
import { CARD_MENU, encodeAsk } from './custom-id.js';
import { fitEmbeds, LIMITS, packEmbeds, split, trim } from './limits.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** One Discord message, ready for `reply`, `editReply`, `followUp` or `channel.send`. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  /** Attachments (a map or timeline PNG), shown by an embed through `attachment://<name>`. */
  files?: { attachment: Buffer; name: string }[];
}

/** What reply(), editReply(), followUp() and send() take from a message: nothing empty. */
export function messageOptions(message: DiscordMessage) {
  return {
    ...(message.content ? { content: message.content } : {}),
    embeds: message.embeds,
    components: message.components,
    ...(message.files?.length ? { files: message.files } : {}),
  };
}

/** The picture a reply asked for, as an attachment and an embed showing it, on the last message. */
export function withPicture(
  messages: DiscordMessage[],
  picture: { png: Buffer; filename: string },
  title: string,
): DiscordMessage[] {
  const last = messages[messages.length - 1];
  if (!last || last.embeds.length >= LIMITS.embedsPerMessage) return messages;
  const embed: APIEmbed = {
    title: trim(title, LIMITS.embedTitle),
    color: COLOR,
    image: { url: `attachment://${picture.filename}` },
  };
  const fitted = fitEmbeds([...last.embeds, embed]);
  if (fitted.length !== last.embeds.length + 1) return messages;
  last.embeds = fitted;
  last.files = [...(last.files ?? []), { attachment: picture.png, name: picture.filename }];
  return messages;
}

/** The bot's colour on embeds (the red of the Siedlce coat of arms). */
export const COLOR = 0xc8102e;

const field = (name: string, value: string, inline = false): APIEmbedField => ({ name, value, inline });

/** A partner's card as an embed: name, flag, date, areas, institutions, purpose, activities, distance. */
export function cardEmbed(card: Card, engine: Engine, language: Language): APIEmbed {
  const say = (key: string, values?: Record<string, unknown>) => engine.say(language, key, values);
  const fields: APIEmbedField[] = [
    field(say('card.country'), `${card.flag} ${escapeMarkdown(card.countryName)}`, true),
    field(say('card.signed'), card.signedText, true),
    field(say('card.distance'), say('card.distanceValue', { km: card.distanceKm }), true),
    field(say('card.region'), escapeMarkdown(card.region)),
    field(say('card.areas'), escapeMarkdown(card.areas.join(', '))),
  ];
  if (card.institutions.length > 0) {
    const lines = card.institutions.map(
      (institution) => `• ${escapeMarkdown(institution.name)} (${say(`side.${institution.side}`)})`,
    );
    fields.push(field(say('card.institutions'), lines.join('\n')));
  }
  if (card.activities.length > 0) {
    fields.push(field(say('card.activities'), card.activities.map((line) => `• ${escapeMarkdown(line)}`).join('\n')));
  }
  const official = card.officialName === card.name ? '' : `**${escapeMarkdown(card.officialName)}**\n\n`;
  return {
    title: `${card.flag} ${card.name}`,
    description: `${official}${say('card.purpose')}: ${escapeMarkdown(card.purpose)}`,
    color: COLOR,
    fields,
  };
}

const itemLine = (item: ListItem) =>
  `${item.flag} **${escapeMarkdown(item.name)}** (${escapeMarkdown(item.countryName)}) — ${item.signedText}`;

/** A list of partners as embeds (one line a partner, in the order given), split past 4096 characters. */
export function listEmbeds(title: string, items: ListItem[]): APIEmbed[] {
  const pieces = split(items.map(itemLine).join('\n'), LIMITS.embedDescription);
  return pieces.map((description, index) => ({
    ...(index === 0 ? { title } : {}),
    description,
    color: COLOR,
  }));
}

/** A select menu (or several, past 25 partners) whose choice opens a partner's card. */
export function cardMenus(items: ListItem[], placeholder: string): ActionRow[] {
  const rows: ActionRow[] = [];
  for (let start = 0; start < items.length && rows.length < LIMITS.rows; start += LIMITS.selectOptions) {
    const menu: APIStringSelectComponent = {
      type: ComponentType.StringSelect,
      custom_id: start === 0 ? CARD_MENU : `${CARD_MENU}:${start}`,
      placeholder: trim(placeholder, LIMITS.selectPlaceholder),
      options: items.slice(start, start + LIMITS.selectOptions).map((item) => ({
        label: trim(`${item.flag} ${item.name}`, LIMITS.selectLabel),
        description: trim(`${item.countryName} — ${item.signedText}`, LIMITS.selectLabel),
        value: item.id,
      })),
    };
    rows.push({ type: ComponentType.ActionRow, components: [menu] });
  }
  return rows;
}

/** Suggestions as buttons, five a row, within the rows left; custom_id carries ids only. */
export function suggestionRows(suggestions: Suggestion[], rowsLeft: number): ActionRow[] {
  const seen = new Set<string>();
  const buttons: APIButtonComponent[] = [];
  for (const suggestion of suggestions) {
    const customId = encodeAsk(suggestion.command);
    if (!customId || seen.has(customId)) continue;
    seen.add(customId);
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: trim(suggestion.label, LIMITS.buttonLabel),
      custom_id: customId,
    });
  }
  const rows: ActionRow[] = [];
  for (let start = 0; start < buttons.length && rows.length < rowsLeft; start += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(start, start + LIMITS.buttonsPerRow) });
  }
  return rows;
}

export interface RenderOptions {
  /**
   * Keeps only some partners of a list reply (a /partners filter): the title then names the filter
   * (`label`, in the reply's language), and an empty list says that nothing matches.
   */
  filter?: { keep: (item: ListItem) => boolean; label: (language: Language) => string };
  /** No embeds (the channel denies Embed Links): the reply's own text says it all. */
  plain?: boolean;
  /** A button back to the list, labelled so (a card opened from the list, in place of it). */
  back?: string;
}

/** The button that shows the whole list again, in place of a card opened from it. */
export function backRow(label: string): ActionRow | undefined {
  const customId = encodeAsk({ intent: 'list_partners', partners: [] });
  if (!customId) return undefined;
  const button: APIButtonComponent = {
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    label: trim(label, LIMITS.buttonLabel),
    custom_id: customId,
  };
  return { type: ComponentType.ActionRow, components: [button] };
}

/** A partner_info button for a partner the menu already opens says it twice. */
const opensCardOf = (suggestion: Suggestion, listed: Set<string>) =>
  suggestion.command.intent === 'partner_info' &&
  suggestion.command.partners.length === 1 &&
  suggestion.command.partners.every((id) => listed.has(id));

/**
 * A Reply as Discord messages: its text as content (split past 2000 characters) unless an embed
 * already says it all (a card asked for, a list), the card(s) and list as embeds, partners of a list
 * in a select menu, suggestions as buttons. Embeds and components go on the last message.
 */
export function renderReply(reply: Reply, engine: Engine, options: RenderOptions = {}): DiscordMessage[] {
  const language = reply.language;
  const cards = reply.cards ?? (reply.card ? [reply.card] : []);
  const embeds: APIEmbed[] = cards.map((card) => cardEmbed(card, engine, language));
  const components: ActionRow[] = [];
  let suggestions = reply.suggestions ?? [];
  let text = reply.text;
  if (reply.list) {
    const { filter } = options;
    const items = filter ? reply.list.items.filter(filter.keep) : reply.list.items;
    const label = filter?.label(language);
    const title = label ? engine.say(language, 'list.titleFiltered', { filter: label }) : reply.list.title;
    const listed = new Set(items.map((item) => item.id));
    const all = new Set(reply.list.items.map((item) => item.id));
    // A filtered-out partner gets no button either.
    suggestions = suggestions.filter(
      (suggestion) => !opensCardOf(suggestion, listed) && !(filter && opensCardOf(suggestion, all)),
    );
    if (items.length > 0) {
      embeds.push(...listEmbeds(title, items));
      components.push(...cardMenus(items, engine.say(language, 'discord.openCard')));
    } else if (label) {
      text = engine.say(language, 'list.empty', { filter: label });
    }
  }
  const back = options.back ? backRow(options.back) : undefined;
  if (back) components.push(back);
  components.push(...suggestionRows(suggestions, LIMITS.rows - components.length));

  const embedSaysItAll =
    !options.plain &&
    ((reply.intent === 'partner_info' && cards.length > 0) || (reply.intent === 'list_partners' && embeds.length > 0));
  const pieces = embedSaysItAll ? [] : split(escapeMarkdown(text));
  const messages: DiscordMessage[] = pieces.map((content) => ({ content, embeds: [], components: [] }));
  const groups = options.plain ? [] : packEmbeds(embeds);
  // The first group of embeds goes with the last piece of text, the others in messages of their own.
  groups.forEach((group, index) => {
    const last = messages[messages.length - 1];
    if (index === 0 && last) last.embeds = group;
    else messages.push({ embeds: group, components: [] });
  });
  if (messages.length === 0) messages.push({ content: '…', embeds: [], components: [] });
  (messages[messages.length - 1] as DiscordMessage).components = components;
  return messages;
}

/** Plain text as messages within the content limit. */
export function textMessages(text: string): DiscordMessage[] {
  const pieces = split(text);
  return (pieces.length > 0 ? pieces : ['…']).map((content) => ({ content, embeds: [], components: [] }));
}
