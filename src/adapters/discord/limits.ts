import type { APIEmbed } from 'discord.js';

/** Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedsTotal: 6000,
  choices: 25,
  choiceName: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  selectOptions: 25,
  selectLabel: 100,
  selectPlaceholder: 150,
  customId: 100,
  /** A command's or option's description. */
  description: 100,
} as const;

const ELLIPSIS = '…';

/** Cuts at `at` without splitting a surrogate pair (an emoji flag half is not a character). */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** `text` in at most `max` characters: cut at a word boundary when one is near, ending with "…". */
export function trim(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = safeCut(text, max - ELLIPSIS.length);
  const space = text.lastIndexOf(' ', cut);
  if (space > cut * 0.8) cut = space;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/**
 * Splits text into pieces of at most `max` characters: between lines when possible, else between
 * words, else anywhere (never inside a surrogate pair). No piece is empty.
 */
export function split(text: string, max: number = LIMITS.content): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = safeCut(rest, max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Characters Discord counts towards the 6000 of a message's embeds. */
export function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** One embed within the per-part limits. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (embed.title) fitted.title = trim(embed.title, LIMITS.embedTitle);
  if (embed.description) fitted.description = trim(embed.description, LIMITS.embedDescription);
  if (embed.footer) fitted.footer = { ...embed.footer, text: trim(embed.footer.text, LIMITS.footer) };
  if (embed.fields) {
    fitted.fields = embed.fields
      .filter((field) => field.name.trim() && field.value.trim())
      .slice(0, LIMITS.fields)
      .map((field) => ({
        ...field,
        name: trim(field.name, LIMITS.fieldName),
        value: trim(field.value, LIMITS.fieldValue),
      }));
  }
  return fitted;
}

/**
 * The embeds of one message within every limit: each part trimmed, at most 10 embeds, and fields
 * then descriptions shortened from the end until all of them hold at most 6000 characters.
 */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, LIMITS.embedsPerMessage).map(fitEmbed);
  const total = () => fitted.reduce((sum, embed) => sum + embedSize(embed), 0);
  while (fitted.length > 0 && total() > LIMITS.embedsTotal) {
    const last = fitted[fitted.length - 1] as APIEmbed;
    const excess = total() - LIMITS.embedsTotal;
    if (last.fields && last.fields.length > 0) {
      last.fields = last.fields.slice(0, -1);
    } else if (last.description && last.description.length > excess + 100) {
      last.description = trim(last.description, last.description.length - excess);
    } else if (fitted.length > 1) {
      fitted.pop();
    } else {
      last.description = trim(last.description ?? '', Math.max(1, (last.description?.length ?? 0) - excess));
      if (total() > LIMITS.embedsTotal) last.title = trim(last.title ?? '', 100);
      break;
    }
  }
  return fitted;
}

/**
 * Embeds spread over as many messages as they need: each embed within its own limits, each group
 * at most 10 embeds and 6000 characters, in order (nothing is dropped unless one embed alone is
 * past 6000, which is then shortened).
 */
export function packEmbeds(embeds: APIEmbed[]): APIEmbed[][] {
  const groups: APIEmbed[][] = [];
  let group: APIEmbed[] = [];
  let size = 0;
  for (const embed of embeds) {
    const [fitted] = fitEmbeds([embed]);
    if (!fitted) continue;
    const length = embedSize(fitted);
    if (group.length > 0 && (group.length >= LIMITS.embedsPerMessage || size + length > LIMITS.embedsTotal)) {
      groups.push(group);
      group = [];
      size = 0;
    }
    group.push(fitted);
    size += length;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
