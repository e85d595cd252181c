import { distance as editDistance } from 'fastest-levenshtein';
import type { Language } from '../domain/schema.js';
import type { CueKind, Knowledge, OrderCue, PeriodCue, Place } from './knowledge.js';
import { detectLanguage } from './language.js';
import { clip, fold, rawWords, tokenize } from './normalize.js';
import type { PhraseHit } from './phrases.js';
import type { Period, PictureKind } from './types.js';

export interface PlaceMention {
  place: Place;
}

/** What a message says, before deciding what it asks. */
export interface Understanding {
  tokens: string[];
  language: Language | undefined;
  /** Partners named, in order of first mention. */
  partners: string[];
  /** Partners a typo could stand for, when it could be more than one. */
  ambiguous: string[];
  /** True when a partner was found only by typo tolerance. */
  fuzzy: boolean;
  countries: string[];
  areas: string[];
  period: Period | undefined;
  order: OrderCue | undefined;
  schoolNumbers: number[];
  /** Partners found through an institution's name (e.g. CKiS → Sabinov). */
  institutionPartners: string[];
  japan: boolean;
  places: Place[];
  /** Capitalised words the bot does not know: likely a place that is not a partner. */
  unknownNames: string[];
  cues: ReadonlyMap<CueKind, number>;
  followUp: boolean;
  /** A map or a timeline was asked for. */
  picture: PictureKind | undefined;
  /** True when the message holds nothing but white space. */
  blank: boolean;
  /** How many words are left once names are taken out: 0 for a message that is only a name. */
  residue: number;
}

/** Typos allowed for a word of this length: none for short words, where a typo is another word. */
function allowedTypos(length: number): number {
  if (length < 4) return 0;
  if (length <= 5) return 1;
  if (length <= 8) return 2;
  return 3;
}

/** A name with a case ending ("Dasingu", "Grodnem"): the name without it is known. */
function stemMatch<T>(knowledge: Knowledge, stems: ReadonlyMap<string, T>, token: string): T | undefined {
  for (const suffix of knowledge.nameSuffixes) {
    if (token.length > suffix.length && token.endsWith(suffix)) {
      const found = stems.get(token.slice(0, -suffix.length));
      if (found) return found;
    }
    // a stem that drops its final vowel before the ending: Grodno → Grodnem, Wilno → Wilnem
    if (token.length > suffix.length + 3 && token.endsWith(suffix)) {
      const base = token.slice(0, -suffix.length);
      for (const vowel of ['a', 'o', 'e']) {
        const found = stems.get(base + vowel);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/**
 * A typo of a partner name (close in edit distance to one alias, starting with the same letter),
 * or the beginning of one ("Berd…").
 */
function fuzzyMatch(knowledge: Knowledge, token: string): string[] {
  const budget = allowedTypos(token.length);
  if (budget === 0) return [];
  const bestByPartner = new Map<string, number>();
  for (const [alias, partnerId] of knowledge.aliasStems) {
    if (alias.length > token.length && alias.startsWith(token)) bestByPartner.set(partnerId, 0);
  }
  const index = token.length <= MAX_NAME_LENGTH ? knowledge.fuzzy.get(token[0] ?? '') : undefined;
  for (const { item } of index?.search(token, { limit: 8 }) ?? []) {
    const typos = Math.min(
      editDistance(token, item.alias),
      // an inflected typo ("Berdyczowe") is judged on the alias's own length
      editDistance(token.slice(0, item.alias.length), item.alias) + (token.length > item.alias.length ? 1 : 0),
    );
    if (typos > Math.min(budget, allowedTypos(item.alias.length))) continue;
    const previous = bestByPartner.get(item.partnerId);
    if (previous === undefined || typos < previous) bestByPartner.set(item.partnerId, typos);
  }
  const ranked = [...bestByPartner.entries()].sort((a, b) => a[1] - b[1]);
  const [best] = ranked;
  if (!best) return [];
  return ranked.filter(([, typos]) => typos === best[1]).map(([id]) => id);
}

/** A word typed with its letters stretched ("ciaooo", "hiii", "dziekiii") read as the word it stretches. */
function unstretched(knowledge: Knowledge, token: string): string {
  if (knowledge.vocabulary.has(token)) return token;
  const shorter = token.replace(/(\p{L})\1{2,}/gu, '$1').replace(/(\p{L})\1$/u, '$1');
  return knowledge.vocabulary.has(shorter) ? shorter : token;
}

/** Longer words are not names (nor typos of one): no typo search for them. */
const MAX_NAME_LENGTH = 24;
const YEAR = /^(19|20)\d\d$/;
const DECADE = /^\d0$/;

function decadeOf(token: string, next: string | undefined): Period | undefined {
  if (YEAR.test(token) && next === 's' && token.endsWith('0')) {
    const from = Number(token);
    return { from, to: from + 9 };
  }
  if (DECADE.test(token)) {
    const two = Number(token);
    const from = two >= 30 ? 1900 + two : 2000 + two;
    return { from, to: from + 9 };
  }
  return undefined;
}

function extractPeriod(knowledge: Knowledge, tokens: readonly string[]): Period | undefined {
  const years: { year: number; index: number }[] = [];
  tokens.forEach((token, index) => {
    if (YEAR.test(token)) years.push({ year: Number(token), index });
  });
  /** The period cues that end right before a token, nearest first ("prima del" 2000). */
  const cuesBefore = (index: number): PeriodCue[] => {
    const found: PeriodCue[] = [];
    for (let start = index - 1; start >= Math.max(0, index - 3); start--) {
      for (const hit of knowledge.period.at(tokens, start)) if (hit.end === index) found.push(hit.value);
    }
    return found;
  };
  for (let index = 0; years.length <= 1 && index < tokens.length; index++) {
    const token = tokens[index] ?? '';
    const decade =
      decadeOf(token, tokens[index + 1]) ??
      (YEAR.test(token) && token.endsWith('0') ? decadeOf(token, 's') : undefined);
    const saysDecade = cuesBefore(index).includes('decade') || tokens[index + 1] === 's';
    if (decade && saysDecade) return decade;
  }
  const [first, second] = years;
  if (!first) return undefined;
  if (second) {
    return { from: Math.min(first.year, second.year), to: Math.max(first.year, second.year) };
  }
  switch (cuesBefore(first.index).find((cue) => cue !== 'decade' && cue !== 'between')) {
    case 'before':
      return { to: first.year - 1 };
    case 'after':
      return { from: first.year + 1 };
    case 'since':
      return { from: first.year };
    default:
      return { from: first.year, to: first.year };
  }
}

function extractSchoolNumbers(knowledge: Knowledge, tokens: readonly string[]): number[] {
  const numbers: number[] = [];
  tokens.forEach((token, index) => {
    if (!/^\d{1,2}$/.test(token)) return;
    const before = [index - 1, index - 2].filter((at) => at >= 0);
    if (before.some((at) => knowledge.school.at(tokens, at).some((hit) => hit.end === index || hit.end === at + 1))) {
      numbers.push(Number(token));
    }
  });
  return numbers;
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/**
 * Reads a message: which partners, places, countries, areas, years and cue words it holds, and in
 * which language it is written. Every lookup is in prebuilt indexes; nothing here depends on the
 * conversation.
 */
export function understand(knowledge: Knowledge, input: string): Understanding {
  const text = clip(input);
  const tokens = tokenize(fold(text));
  const partners: string[] = [];
  const ambiguous: string[] = [];
  const places: Place[] = [];
  const consumed = new Set<number>();
  const institutionPartners: string[] = [];
  let fuzzy = false;
  let japan = false;

  const mark = (start: number, end: number) => {
    for (let index = start; index < end; index++) consumed.add(index);
  };

  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index] ?? '';
    const [alias] = knowledge.aliases.at(tokens, index);
    const [place] = alias ? [] : knowledge.places.at(tokens, index);
    const [home] = alias || place ? [] : knowledge.home.at(tokens, index);
    const [institution] = knowledge.institutionAliases.at(tokens, index);
    const [japanese] = knowledge.japanAliases.at(tokens, index);
    const hit = alias ?? place ?? home;
    if (institution) institutionPartners.push(institution.value);
    if (japanese) japan = true;
    if (alias) partners.push(alias.value);
    if (place) places.push(place.value);
    if (hit) {
      mark(hit.start, hit.end);
      index = hit.end;
      continue;
    }
    // a name split in two on a phone keyboard: "pes cantina"
    const next = tokens[index + 1] ?? '';
    const [joined] = next.length >= 2 ? knowledge.aliases.at([token + next], 0) : [];
    if (joined) {
      partners.push(joined.value);
      mark(index, index + 2);
      index += 2;
      continue;
    }
    const known = knowledge.vocabulary.has(token) || /\d/.test(token) || knowledge.intents.at(tokens, index).length > 0;
    const placeStem = known || token.length < 4 ? undefined : stemMatch(knowledge, knowledge.placeStems, token);
    if (placeStem) {
      places.push(placeStem);
      consumed.add(index);
    } else if (!known && token.length >= 4) {
      const stem = stemMatch(knowledge, knowledge.aliasStems, token);
      const [only, ...others] = stem ? [stem] : fuzzyMatch(knowledge, token);
      if (only && others.length === 0) {
        partners.push(only);
        fuzzy ||= !stem;
        consumed.add(index);
      } else if (only) {
        ambiguous.push(only, ...others);
        consumed.add(index);
      }
    }
    index++;
  }

  const free = tokens.map((token, at) => (consumed.has(at) ? '' : unstretched(knowledge, token)));
  const votes = new Map<Language, number>();
  const vote = (language: Language, weight: number) => votes.set(language, (votes.get(language) ?? 0) + weight);
  /** Each word votes for the languages it belongs to, split evenly among them. */
  const voteFor = (hits: readonly PhraseHit<{ language: Language }>[]) => {
    const languagesAt = new Map<number, Set<Language>>();
    for (const hit of hits)
      languagesAt.set(hit.start, (languagesAt.get(hit.start) ?? new Set()).add(hit.value.language));
    for (const languages of languagesAt.values()) {
      for (const language of languages) vote(language, 1 / languages.size);
    }
  };
  for (const token of free) {
    if (!token) continue;
    const speakers = [...knowledge.words.entries()]
      .filter(([, words]) => words.has(token))
      .map(([language]) => language);
    for (const language of speakers) vote(language, 1 / speakers.length);
  }
  const countryHits = knowledge.countries.findAll(free);
  const areaHits = knowledge.areas.findAll(free);
  voteFor(countryHits);
  voteFor(areaHits);
  // "prima del 2000" is a period, not "the first": an order word right before a year is not one.
  const [orderHit] = knowledge.order
    .findLongest(free)
    .filter((hit) => !tokens.slice(hit.end, hit.end + 3).some((token) => YEAR.test(token)));
  const [followUpHit] = knowledge.followUp.at(tokens, 0);

  const detectable = free.filter((token) => token && !/\d/.test(token)).join(' ');
  const language = detectable
    ? detectLanguage(naturalText(text, detectable), votes, knowledge.locales.languages)
    : undefined;

  // Cue words are read in the message's own language ("firmato" is Italian for signed, "firma"
  // Polish for a company; "ty" is English for thanks, Polish for you); a message whose language
  // is unknown is read in all of them.
  const cueHits = knowledge.intents.findAll(free);
  const cues = new Map<CueKind, number>();
  for (const hit of language ? cueHits.filter((hit) => hit.value.language === language) : cueHits) {
    cues.set(hit.value.kind, (cues.get(hit.value.kind) ?? 0) + 1);
  }

  return {
    tokens,
    language,
    partners: unique(partners),
    ambiguous: unique(ambiguous),
    fuzzy,
    countries: unique(countryHits.map((hit) => hit.value.value)),
    areas: unique(areaHits.map((hit) => hit.value.value)),
    period: extractPeriod(knowledge, tokens),
    order: orderHit?.value,
    schoolNumbers: unique(extractSchoolNumbers(knowledge, tokens)),
    institutionPartners: unique(institutionPartners),
    japan: japan || countryHits.some((hit) => hit.value.value === knowledge.dataset.overview.japan.country),
    places: unique(places),
    unknownNames: unknownNames(knowledge, text),
    cues,
    followUp: Boolean(followUpHit) && (followUpHit?.end ?? 0) < tokens.length,
    picture: knowledge.pictures.findLongest(free)[0]?.value,
    residue: free.filter(Boolean).length,
    blank: input.trim().length === 0,
  };
}

/**
 * The statistical detector reads the words as written (diacritics tell Polish from Italian), minus
 * the names, which belong to no language.
 */
function naturalText(text: string, detectable: string): string {
  const kept = new Set(detectable.split(' '));
  const words = rawWords(text).filter((word) => tokenize(fold(word)).every((token) => kept.has(token)));
  return words.length > 0 ? words.join(' ') : detectable;
}

function unknownNames(knowledge: Knowledge, text: string): string[] {
  const names: string[] = [];
  for (const word of rawWords(text)) {
    if (!/^\p{Lu}\p{Ll}/u.test(word) || word.length < 3) continue;
    const tokens = tokenize(fold(word));
    if (tokens.length !== 1) continue;
    const known =
      knowledge.vocabulary.has(tokens[0] ?? '') ||
      knowledge.aliases.has(tokens) ||
      knowledge.places.has(tokens) ||
      knowledge.home.has(tokens) ||
      knowledge.intents.has(tokens) ||
      knowledge.countries.has(tokens) ||
      knowledge.areas.has(tokens) ||
      knowledge.order.has(tokens) ||
      knowledge.institutionAliases.has(tokens) ||
      knowledge.japanAliases.has(tokens) ||
      stemMatch(knowledge, knowledge.aliasStems, tokens[0] ?? '') !== undefined ||
      stemMatch(knowledge, knowledge.placeStems, tokens[0] ?? '') !== undefined ||
      fuzzyMatch(knowledge, tokens[0] ?? '').length > 0;
    if (!known) names.push(word);
  }
  return unique(names);
}
