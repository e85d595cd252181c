import { distance as editDistance } from 'fastest-levenshtein';
import type { Language } from '../domain/schema.js';
import type { BoundCue, CueKind, Knowledge, OrderCue, PeriodCue, Place, Tagged } from './knowledge.js';
import { detectLanguage } from './language.js';
import { isCommonWord, latinTokens, nearestPlace } from './lookalike.js';
import { clip, EMOJI_PREFIX, emojiAsWords, fold, rawWords, tokenize } from './normalize.js';
import type { PhraseHit } from './phrases.js';
import type { Break, Span, SpanOf } from './spans.js';
import { breaksOf } from './spans.js';
import type { Period, PictureKind } from './types.js';

/** A real place named in a message that is not a partner: from the data's list or the gazetteer. */
export interface PlaceMention {
  country: string;
  /** The place's name in each language, when the data lists it; else `name` as found. */
  names?: Place['names'];
  name: string;
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
  places: PlaceMention[];
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
  /** Everything found, with its place in `tokens`, for the query layer. */
  spans: Span[];
  /** Where the message breaks into sentences and phrases (punctuation), by token index. */
  breaks: Break[];
  /** Tokens that no index knows (neither a name nor a word of any language): what was not understood. */
  unknownTokens: number;
  /** The token range this view covers (the whole message, or one clause of it). */
  range: { start: number; end: number };
  /** The whole message as read, for viewing its clauses one by one. */
  reading: Reading;
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
  return [...perToken(fuzzyMatches, knowledge, token, searchTypos)];
}

/**
 * What a word alone decides (its typo matches, its distance to the partners' names) is remembered
 * per word, bounded: words recur, and each search reads every alias.
 */
const REMEMBERED_WORDS = 4096;
const fuzzyMatches = new WeakMap<Knowledge, Map<string, readonly string[]>>();
const typosToPartners = new WeakMap<Knowledge, Map<string, number>>();

function perToken<T>(
  memory: WeakMap<Knowledge, Map<string, T>>,
  knowledge: Knowledge,
  token: string,
  compute: (knowledge: Knowledge, token: string) => T,
): T {
  let known = memory.get(knowledge);
  if (!known) {
    known = new Map();
    memory.set(knowledge, known);
  }
  if (known.has(token)) return known.get(token) as T;
  const value = compute(knowledge, token);
  if (known.size >= REMEMBERED_WORDS) known.clear();
  known.set(token, value);
  return value;
}

function searchTypos(knowledge: Knowledge, token: string): string[] {
  const budget = allowedTypos(token.length);
  if (budget === 0) return [];
  const bestByPartner = new Map<string, number>();
  for (const [alias, partnerId] of knowledge.aliasStems) {
    if (alias.length > token.length && alias.startsWith(token)) bestByPartner.set(partnerId, 0);
  }
  const index = token.length <= MAX_NAME_LENGTH ? knowledge.fuzzy.get(token[0] ?? '') : undefined;
  const allowed = (alias: string) => Math.min(budget, allowedTypos(alias.length));
  // fuse only proposes; the edit distance decides: when no alias of the letter is near enough, skip the search
  const near = index?.getIndex().docs.some(({ alias }) => typosBetween(token, alias) <= allowed(alias));
  for (const { item } of near ? (index?.search(token, { limit: 8 }) ?? []) : []) {
    const typos = typosBetween(token, item.alias);
    if (typos > allowed(item.alias) || (typos > 1 && endsOtherwise(token, item.alias))) continue;
    const previous = bestByPartner.get(item.partnerId);
    if (previous === undefined || typos < previous) bestByPartner.set(item.partnerId, typos);
  }
  const ranked = [...bestByPartner.entries()].sort((a, b) => a[1] - b[1]);
  const [best] = ranked;
  if (!best) return [];
  return ranked.filter(([, typos]) => typos === best[1]).map(([id]) => id);
}

/** Letters of a name's end (its case ending too: "Wołkowyska") another ending may replace… */
const REPLACED_ENDING = 3;
/** …and the fewest letters of that other ending ("Sabinova" → "Sabinovu" is one letter, a slip). */
const OTHER_ENDING = 2;

/**
 * "Wołkowyja" for Wołkowysk: the name's letters with its last ones replaced by two or more others
 * is another name (a village, a word), not a slip of the keyboard; the same letters swapped
 * ("Wolkowyks") are a slip.
 */
function endsOtherwise(token: string, alias: string): boolean {
  let common = 0;
  while (common < token.length && common < alias.length && token[common] === alias[common]) common++;
  const tokenEnd = token.slice(common);
  const aliasEnd = alias.slice(common);
  if (alias.length - common > REPLACED_ENDING || tokenEnd.length < OTHER_ENDING) return false;
  const letters = (text: string) => [...text].sort().join('');
  return letters(tokenEnd) !== letters(aliasEnd);
}

/** "Sabinoff", "Kiroff", "Berdichef": the -ov/-ev of a Slavic name as French and German write it. */
function slavicEnding(token: string): string {
  return token.replace(/([oe])ff$/u, '$1v');
}

/** Edits from a word to an alias; an inflected typo ("Berdyczowe") is judged on the alias's own length. */
function typosBetween(token: string, alias: string): number {
  return Math.min(
    editDistance(token, alias),
    editDistance(token.slice(0, alias.length), alias) + (token.length > alias.length ? 1 : 0),
  );
}

/** A word typed with its letters stretched ("ciaooo", "hiii", "dziekiii") read as the word it stretches. */
function unstretched(knowledge: Knowledge, token: string): string {
  if (knowledge.vocabulary.has(token) || !repeatsALetter(token)) return token;
  const shorter = token.replace(/(\p{L})\1{2,}/gu, '$1').replace(/(\p{L})\1$/u, '$1');
  return knowledge.vocabulary.has(shorter) ? shorter : token;
}

/** A code point right after the same one (code units equal one or two apart: a surrogate pair is two). */
function repeatsALetter(token: string): boolean {
  for (let at = 1; at < token.length; at++) {
    const unit = token.charCodeAt(at);
    if (unit === token.charCodeAt(at - 1) || (at > 1 && unit === token.charCodeAt(at - 2))) return true;
  }
  return false;
}

/** Longer words are not names (nor typos of one): no typo search for them. */
const MAX_NAME_LENGTH = 24;
const YEAR = /^(19|20)\d\d$/;
/** Most tokens are not four characters long: no regular expression for them. */
const isYear = (token: string) => token.length === 4 && YEAR.test(token);
const DECADE = /^\d0$/;

function decadeOf(token: string, next: string | undefined): Period | undefined {
  if (isYear(token) && next === 's' && token.endsWith('0')) {
    const from = Number(token);
    return { from, to: from + 9 };
  }
  if (token.length === 2 && DECADE.test(token)) {
    const two = Number(token);
    const from = two >= 30 ? 1900 + two : 2000 + two;
    return { from, to: from + 9 };
  }
  return undefined;
}

function extractPeriod(knowledge: Knowledge, tokens: readonly string[]): Period | undefined {
  // "w latach dziewięćdziesiątych", "negli anni novanta", "in the nineties"
  const [decade] = knowledge.decades.findLongest(tokens);
  if (decade) return { from: decade.value, to: decade.value + 9 };
  const years: { year: number; index: number }[] = [];
  tokens.forEach((token, index) => {
    if (isYear(token)) years.push({ year: Number(token), index });
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
      decadeOf(token, tokens[index + 1]) ?? (isYear(token) && token.endsWith('0') ? decadeOf(token, 's') : undefined);
    if (decade && (tokens[index + 1] === 's' || cuesBefore(index).includes('decade'))) return decade;
  }
  const [first, second] = years;
  if (!first) return undefined;
  if (second) {
    // "after 2000 but before 2006": each year keeps its own word; "between 2000 and 2006" includes both
    const [early, late] = first.year <= second.year ? [first, second] : [second, first];
    const earlyCue = cuesBefore(early.index).find((cue) => cue !== 'decade' && cue !== 'between');
    const lateCue = cuesBefore(late.index).find((cue) => cue !== 'decade' && cue !== 'between');
    return {
      from: earlyCue === 'after' ? early.year + 1 : early.year,
      to: lateCue === 'before' ? late.year - 1 : late.year,
    };
  }
  // "in 2001 or later", "w 2001 roku lub później": the words after the year widen it
  const widened = [first.index + 1, first.index + 2].some((at) =>
    knowledge.period.at(tokens, at).some((hit) => hit.value === 'after' && hit.end - hit.start > 1),
  );
  if (widened) return { from: first.year };
  return periodAround(
    first.year,
    cuesBefore(first.index).find((cue) => cue !== 'decade' && cue !== 'between'),
  );
}

function periodAround(year: number, cue: PeriodCue | undefined): Period {
  switch (cue) {
    case 'before':
      return { to: year - 1 };
    case 'after':
      return { from: year + 1 };
    case 'since':
      return { from: year };
    default:
      return { from: year, to: year };
  }
}

function extractSchoolNumbers(knowledge: Knowledge, tokens: readonly string[]): { value: number; index: number }[] {
  const numbers: { value: number; index: number }[] = [];
  tokens.forEach((token, index) => {
    if (token.length > 2 || !/^\d{1,2}$/.test(token)) return;
    const before = [index - 1, index - 2].filter((at) => at >= 0);
    if (before.some((at) => knowledge.school.at(tokens, at).some((hit) => hit.end === index || hit.end === at + 1))) {
      numbers.push({ value: Number(token), index });
    }
  });
  return numbers;
}

function unique<T>(values: readonly T[]): T[] {
  return values.length < 2 ? [...values] : [...new Set(values)];
}

/** A word the bot knows in some language, a number, or a cue: never a name. */
/** Per message, whether each token is a known word: asked several times a token, answered once. */
let knownMemo: { tokens: readonly string[]; known: (boolean | undefined)[] } | undefined;

function isKnownWord(knowledge: Knowledge, tokens: readonly string[], index: number): boolean {
  // one message at a time: the memory of the last token list is enough
  if (knownMemo?.tokens !== tokens) knownMemo = { tokens, known: [] };
  const memo = knownMemo.known;
  const cached = memo[index];
  if (cached !== undefined) return cached;
  const known = lookUpKnownWord(knowledge, tokens, index);
  memo[index] = known;
  return known;
}

function lookUpKnownWord(knowledge: Knowledge, tokens: readonly string[], index: number): boolean {
  const token = tokens[index] ?? '';
  // "tego włoskiego" is Italy's adjective, not a typo of "wileńskiego"
  return (
    knowledge.vocabulary.has(token) ||
    /\d/.test(token) ||
    knowledge.intents.at(tokens, index).length > 0 ||
    knowledge.countries.at(tokens, index).length > 0
  );
}

/**
 * The name spans of a message: partners (exact, inflected, split or mistyped), real places that
 * are not partners, Siedlce itself, institutions and Japan. A word that is a real place, or closer
 * to one than to any partner's name, is a place, never a partner.
 */
function nameSpans(knowledge: Knowledge, tokens: readonly string[], capitalised: readonly boolean[]): Span[] {
  const spans: Span[] = [];
  let index = 0;
  while (index < tokens.length) {
    const token = tokens[index] ?? '';
    const [alias] = knowledge.aliases.at(tokens, index);
    const [place] = alias ? [] : knowledge.places.at(tokens, index);
    const [home] = alias || place ? [] : knowledge.home.at(tokens, index);
    const [institution] = knowledge.institutionAliases.at(tokens, index);
    const [japanese] = knowledge.japanAliases.at(tokens, index);
    if (institution)
      spans.push({ kind: 'institution', partner: institution.value, start: index, end: institution.end });
    if (japanese) spans.push({ kind: 'japan', start: index, end: japanese.end });
    // a real place whose name is longer than the partner alias it starts with ("Kirovo-Chepetsk", "Kirov Oblast" aside)
    const real = alias || place || home ? undefined : realPlace(knowledge, tokens, index, capitalised[index] ?? false);
    const aliasEnd = alias?.end ?? 0;
    const longerPlace = alias ? knowledge.gazetteer.match(tokens, index) : undefined;
    if (alias && longerPlace && index + longerPlace.length > aliasEnd && !isPartnerName(knowledge, longerPlace.name)) {
      spans.push({
        kind: 'place',
        place: { country: longerPlace.country, name: longerPlace.name },
        start: index,
        end: index + longerPlace.length,
      });
      index += longerPlace.length;
      continue;
    }
    if (alias) {
      spans.push({ kind: 'partner', id: alias.value, fuzzy: false, start: index, end: alias.end });
      index = alias.end;
      continue;
    }
    if (place) {
      spans.push({
        kind: 'place',
        place: { country: place.value.country, names: place.value.names, name: place.value.names.en ?? '' },
        start: index,
        end: place.end,
      });
      index = place.end;
      continue;
    }
    if (home) {
      spans.push({ kind: 'home', start: index, end: home.end });
      index = home.end;
      continue;
    }
    if (real) {
      spans.push({
        kind: 'place',
        place: { country: real.country, name: real.name },
        start: index,
        end: index + real.length,
        ...(capitalised[index] ? {} : { weak: true as const }),
      });
      index += real.length;
      continue;
    }
    // a name split in two on a phone keyboard: "pes cantina"
    const next = tokens[index + 1] ?? '';
    const [joined] = next.length >= 2 ? knowledge.aliases.at([token + next], 0) : [];
    if (joined) {
      spans.push({ kind: 'partner', id: joined.value, fuzzy: false, start: index, end: index + 2 });
      index += 2;
      continue;
    }
    const known = isKnownWord(knowledge, tokens, index);
    const placeStem = known || token.length < 4 ? undefined : stemMatch(knowledge, knowledge.placeStems, token);
    if (placeStem) {
      spans.push({
        kind: 'place',
        place: { country: placeStem.country, names: placeStem.names, name: placeStem.names.en ?? '' },
        start: index,
        end: index + 1,
      });
    } else if (!known && token.length >= 4) {
      const stem =
        stemMatch(knowledge, knowledge.aliasStems, token) ??
        knowledge.aliasStems.get(slavicEnding(token)) ??
        stemMatch(knowledge, knowledge.aliasStems, slavicEnding(token));
      const [only, ...others] = stem ? [stem] : fuzzyMatch(knowledge, token);
      const nearPlace = stem || !only ? undefined : closerPlace(knowledge, token);
      // no partner's name is near: a long word one letter from a real place, as written or
      // inflected, is that place ("berdiańsk", "z berdiańskiem" for Berdyansk, "Vilniansk")
      const lookAlike =
        stem || only || token.length < LOWER_CASE_LOOK_ALIKE_LETTERS || isCommonWord(knowledge, token)
          ? undefined
          : nearestPlace(knowledge, token, 1);
      if (nearPlace) {
        spans.push({ kind: 'place', place: nearPlace, start: index, end: index + 1 });
      } else if (lookAlike) {
        spans.push({
          kind: 'place',
          place: { country: lookAlike.country, name: lookAlike.name },
          start: index,
          end: index + 1,
          ...(capitalised[index] ? {} : { weak: true as const }),
        });
      } else if (only && others.length === 0) {
        spans.push({ kind: 'partner', id: only, fuzzy: !stem, start: index, end: index + 1 });
      } else if (only) {
        spans.push({ kind: 'ambiguous', ids: [only, ...others], start: index, end: index + 1 });
      }
    }
    index++;
  }
  return spans;
}

function isPartnerName(knowledge: Knowledge, name: string): boolean {
  return knowledge.aliases.at(tokenize(fold(name)), 0).length > 0;
}

/**
 * A real place in the gazetteer starting here. Lower-case words are taken only when they are no
 * word of any language the bot speaks ("come", "sale", "bus" are places somewhere, and words here).
 */
function realPlace(knowledge: Knowledge, tokens: readonly string[], index: number, capitalised: boolean) {
  const token = tokens[index] ?? '';
  if (token.length < 3 || /\d/.test(token)) return undefined;
  // most words are words: a lower-case known word followed by another starts no place worth a search
  const next = index + 1 < tokens.length ? isKnownWord(knowledge, tokens, index + 1) : true;
  if (!capitalised && next && isKnownWord(knowledge, tokens, index)) return undefined;
  // a country's name ("uni" for the EU, "Georgia") is a country here, not a town somewhere
  if (knowledge.countries.at(tokens, index).length > 0) return undefined;
  // "Кирово-Чепецк" is Kirovo-Chepetsk: the gazetteer writes names in Latin letters
  const found = knowledge.gazetteer.match(latinTokens(tokens), index);
  if (!found || (found.country === knowledge.dataset.home.country && isKnownWord(knowledge, tokens, index)))
    return found && capitalised ? found : undefined;
  const words = tokens.slice(index, index + found.length);
  const everyWordKnown = words.every((_, offset) => isKnownWord(knowledge, tokens, index + offset));
  if (everyWordKnown && !capitalised) return undefined;
  if (everyWordKnown && knowledge.intents.at(tokens, index).length > 0) return undefined;
  return found;
}

/** Letters a capitalised word needs before one edit may make it a real place's name. */
const LOOK_ALIKE_LETTERS = 5;
/** …and any word, capitalised or not, that no rule of names singles out ("krotka", "novanta", "Renato" are a letter from towns). */
const LOWER_CASE_LOOK_ALIKE_LETTERS = 8;

/** A mistyped word that is nearer a real place than any partner's name ("Berdsk", "Kirovsk"). */
function closerPlace(knowledge: Knowledge, token: string): PlaceMention | undefined {
  const partnerTypos = bestPartnerTypos(knowledge, token);
  if (partnerTypos === 0) return undefined;
  const near = nearestPlace(knowledge, token, Math.max(0, partnerTypos));
  if (!near || near.distance > partnerTypos) return undefined;
  if (near.distance === partnerTypos && near.distance > 0) return undefined;
  return { country: near.country, name: near.name };
}

/** Edits from the word to the nearest partner name, written whole ("kirowsk" is 2 from "kirow"). */
function bestPartnerTypos(knowledge: Knowledge, token: string): number {
  return perToken(typosToPartners, knowledge, token, nearestPartnerTypos);
}

function nearestPartnerTypos(knowledge: Knowledge, token: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (const alias of knowledge.aliasStems.keys()) {
    if (Math.abs(alias.length - token.length) > 3) continue;
    best = Math.min(best, editDistance(token, alias));
  }
  return best;
}

/** Spans of the words that shape queries, read in the message's language when it is known. */
type FilterHits = { countries: PhraseHit<Tagged<string>>[]; areas: PhraseHit<Tagged<string>>[] };

function wordSpans(
  knowledge: Knowledge,
  tokens: readonly string[],
  free: readonly string[],
  language: Language | undefined,
  filters: FilterHits,
  breaks: readonly Break[],
): Span[] {
  const spans: Span[] = [];
  const inLanguage = <T extends { language: Language }>(value: T) => !language || value.language === language;
  for (const hit of filters.countries)
    spans.push({ kind: 'country', code: hit.value.value, start: hit.start, end: hit.end });
  for (const hit of filters.areas) spans.push({ kind: 'area', area: hit.value.value, start: hit.start, end: hit.end });
  // Cue phrases are read over the names too ("what is the partnership with Kirov about"),
  // so a name inside a phrase does not break it.
  const kept = free.flatMap((token, at) => (token ? [at] : []));
  for (const hit of knowledge.intents.findAll(kept.map((at) => free[at] ?? ''))) {
    const start = kept[hit.start] ?? 0;
    const end = (kept[hit.end - 1] ?? 0) + 1;
    if (inLanguage(hit.value)) spans.push({ kind: 'cue', cue: hit.value.kind, start, end });
  }
  // "prima di Vawkavysk" bounds a period by that partner's signing, like "prima del 2000"
  // ("firmato prima, Dasing o Sabinov?": past a comma the names are a choice, and "prima" compares)
  const beforeName = (at: number) =>
    knowledge.period.at(tokens, at).some((cue) => cue.value === 'before' || cue.value === 'after') &&
    [1, 2, 3, 4].some(
      (ahead) =>
        free[at + ahead] === '' &&
        (tokens[at + ahead] ?? '') !== '' &&
        !breaks.some((mark) => mark.at > at && mark.at <= at + ahead),
    );
  // "farther than Berdychiv" compares with that partner's distance: no superlative
  // ("il partner più lontano di Siedlce": Siedlce is where distances are from, the superlative stays)
  const namesPartner = (at: number) =>
    free[at] === '' && (tokens[at] ?? '') !== '' && knowledge.home.at(tokens, at).length === 0;
  const comparedToName = (at: number) =>
    knowledge.comparisons.at(tokens, at).some((bound) => [0, 1].some((ahead) => namesPartner(bound.end + ahead)));
  for (const hit of knowledge.order.findLongest(free)) {
    // "prima del 2000" is a period, not "the first": an order word right before a year is not one.
    if (tokens.slice(hit.end, hit.end + 3).some((token) => isYear(token)) || beforeName(hit.start)) continue;
    if (comparedToName(hit.start)) continue;
    spans.push({ kind: 'order', order: hit.value, start: hit.start, end: hit.end });
  }
  for (const hit of knowledge.queryCues.findAll(free)) {
    // (every query cue is a span kind of its own; TypeScript checks at most 25 of them one by one)
    if (inLanguage(hit.value)) spans.push({ kind: hit.value.value, start: hit.start, end: hit.end } as Span);
  }
  const counts = knowledge.numbers.findLongest(free).filter((hit) => inLanguage(hit.value));
  for (const hit of knowledge.ordinals.findLongest(free)) {
    // "z tych trzech" counts: a count word is no rank, though "trzec…" begins both
    const countWord = counts.some((count) => count.start === hit.start && count.end === hit.end);
    // "e quelli prima del 2000?": "prima" before a year is "before", no rank
    const beforeYear = tokens.slice(hit.end, hit.end + 3).some((token) => isYear(token));
    if (inLanguage(hit.value) && !beforeName(hit.start) && !countWord && !beforeYear)
      spans.push({ kind: 'ordinal', rank: hit.value.value, start: hit.start, end: hit.end });
  }
  for (const hit of counts) spans.push({ kind: 'number', count: hit.value.value, start: hit.start, end: hit.end });
  tokens.forEach((token, index) => {
    if (token.length === 1 && /^[1-9]$/.test(token))
      spans.push({ kind: 'number', count: Number(token), start: index, end: index + 1 });
    if (isYear(token)) spans.push({ kind: 'year', year: Number(token), start: index, end: index + 1 });
  });
  spans.push(...boundSpans(knowledge, tokens, inLanguage));
  for (const number of extractSchoolNumbers(knowledge, tokens))
    spans.push({ kind: 'school', number: number.value, start: number.index, end: number.index + 1 });
  // "chodzi do dwunastki, … ta jej szkoła": a school's number as a noun, when the message speaks of schools
  const speaksOfSchool = spans.some((span) => span.kind === 'cue' && span.cue === 'institutions');
  for (const hit of speaksOfSchool ? knowledge.schoolNicknames.findLongest(free) : [])
    spans.push({ kind: 'school', number: hit.value, start: hit.start, end: hit.end });
  const [picture] = knowledge.pictures.findLongest(free);
  if (picture) spans.push({ kind: 'picture', picture: picture.value, start: picture.start, end: picture.end });
  return withoutOtherNumbers(withoutAreasOfOurs(withoutNumberSigns(spans)));
}

/** "il mio comune", "my municipality": the asker's own town, no area of cooperation (local administration). */
function withoutAreasOfOurs(spans: Span[]): Span[] {
  const ours = spans.filter((span) => span.kind === 'ours');
  const ofOurs = (span: Span) =>
    span.kind === 'area' && ours.some((own) => span.start >= own.start && span.end <= own.end);
  return ours.length > 0 ? spans.filter((span) => !ofOurs(span)) : spans;
}

/** How far a number may stand after a word of another subject to be its number ("autobus nr 5", "bus no. 5"). */
const OTHER_NUMBER_REACH = 2;

/** "autobus nr 5", "the bus number 5": the number of a bus, a train, a room is no school's. */
function withoutOtherNumbers(spans: Span[]): Span[] {
  const others = spans.filter((span) => span.kind === 'cue' && span.cue === 'unknown');
  const ofOther = (span: Span) =>
    span.kind === 'school' &&
    others.some((other) => span.start >= other.end && span.start - other.end <= OTHER_NUMBER_REACH);
  return others.length > 0 ? spans.filter((span) => !ofOther(span)) : spans;
}

/** "school no 12": between a school word and its number, "no" is the number sign, not a negation. */
function withoutNumberSigns(spans: Span[]): Span[] {
  const schools = spans.filter((span) => span.kind === 'school');
  const schoolWords = spans.filter((span) => span.kind === 'cue' && span.cue === 'institutions');
  const numberSign = (span: Span) =>
    span.kind === 'negation' &&
    schools.some((school) => school.start === span.end) &&
    schoolWords.some((word) => word.end === span.start);
  return schools.length > 0 ? spans.filter((span) => !numberSign(span)) : spans;
}

/**
 * The order asked: the first word of order outside a bound ("dal più vecchio al più recente" sorts
 * by its first half); after a bare "in order", a direction ("dal più recente") tells which way.
 */
function orderOf(orders: readonly SpanOf<'order'>[], bounds: readonly SpanOf<'bound'>[]): OrderCue | undefined {
  const free = orders
    .filter((order) => !bounds.some((bound) => order.start >= bound.start && order.end <= bound.end))
    .map((order) => order.order);
  const [first] = free;
  const plain = first === 'chronological' || first === 'byDistance';
  return (plain && free.find((order) => order === 'newestFirst' || order === 'farthestFirst')) || first;
}

/** "closer than 400 km", "a più di 1000 km", "dalej niż 500 km", "tra 300 e 1000 km": a bound on the distance. */
function boundSpans(
  knowledge: Knowledge,
  tokens: readonly string[],
  inLanguage: (value: { language: Language }) => boolean,
): Span[] {
  const spans: Span[] = [];
  const kilometres = (token: string | undefined) => token !== undefined && /^\d{2,5}$/.test(token);
  const cueAt = (start: number, cue: BoundCue, end: number) =>
    knowledge.bounds
      .at(tokens, start)
      .some((hit) => hit.value.value === cue && hit.end === end && inLanguage(hit.value));
  tokens.forEach((token, index) => {
    if (!kilometres(token) || knowledge.units.at(tokens, index + 1).length === 0) return;
    // "between 300 and 1000 km", "tra i 300 e i 1000 km": a number, the words joining it, this one
    const low = [index - 2, index - 3].find((at) => kilometres(tokens[at]) && cueAt(at + 1, 'rangeTo', index));
    if (low !== undefined) {
      const start = [low - 1, low - 2].find((at) => at >= 0 && cueAt(at, 'between', low));
      if (start !== undefined) {
        spans.push({ kind: 'bound', min: Number(tokens[low]), max: Number(token), start, end: index + 2 });
        return;
      }
    }
    for (let start = index - 1; start >= Math.max(0, index - 5); start--) {
      const [bound] = knowledge.bounds
        .at(tokens, start)
        .filter(
          (hit) =>
            hit.end >= index - 1 &&
            hit.end <= index &&
            (hit.value.value === 'more' || hit.value.value === 'less') &&
            inLanguage(hit.value),
        );
      if (!bound) continue;
      const km = Number(token);
      spans.push({
        kind: 'bound',
        ...(bound.value.value === 'more' ? { min: km } : { max: km }),
        start,
        end: index + 2,
      });
      return;
    }
  });
  return spans;
}

interface Token {
  token: string;
  capitalised: boolean;
  raw: string;
}

/** Its first letter upper case, its second lower case ("Kirov", "«Dasing»"). */
const CAPITALISED = /^[^\p{L}]*\p{Lu}\p{Ll}/u;

/** A number opening a line or an item of a list: "1) ", "2. " at a line's start, " 3) " anywhere. */
const NUMBERED_ITEM = /(^|\n)[ \t]*\d{1,2}[.)][ \t]+|(^|\s)\d{1,2}\)[ \t]+/gu;

/** The folded tokens of a text, each with the word it came from, and the punctuation between them. */
function tokensOf(text: string): { tokens: Token[]; breaks: Break[] } {
  const tokens: Token[] = [];
  // "1) Potete…", "2. Da quando?": a numbered question starts a sentence, and its number counts nothing
  // "no. 12", "n. 4": a full stop before a number abbreviates, it does not end a sentence
  const pieces = emojiAsWords(text)
    .replace(NUMBERED_ITEM, (_item, line: string | undefined, space: string | undefined) => `${line ?? space ?? ''}. `)
    .replace(/\.(?=\s*\d)/gu, ' ')
    .split(/([?!;:…]+|\.+(?=\s|$)|[,(){}[\]\n]+|\s[-–—]+\s)/u);
  const marks: { at: number; mark: string }[] = [];
  pieces.forEach((piece, index) => {
    if (index % 2 === 1) {
      marks.push({ at: tokens.length, mark: piece.trim() });
      return;
    }
    for (const chunk of piece.split(/\s+/u)) {
      // a plain lower-case word is its own token: folding (six regular expressions) is for the rest
      const folded = /^[a-z]+$/.test(chunk) ? [chunk] : tokenize(fold(chunk));
      const capitalised = CAPITALISED.test(chunk);
      for (const token of folded) tokens.push({ token, capitalised, raw: chunk });
    }
  });
  return { tokens, breaks: breaksOf(marks, tokens.length) };
}

/**
 * Reads a message: which partners, places, countries, areas, years and cue words it holds, and
 * where, and in which language it is written. Every lookup is in prebuilt indexes; nothing here
 * depends on the conversation.
 */
export function understand(knowledge: Knowledge, input: string): Understanding {
  const text = clip(input);
  const { tokens: read, breaks } = tokensOf(text);
  const tokens = read.map((entry) => entry.token);
  const names = nameSpans(
    knowledge,
    tokens,
    read.map((entry) => entry.capitalised),
  );
  const consumed = new Set<number>();
  for (const span of names) {
    if (span.kind === 'institution' || span.kind === 'japan') continue;
    for (let at = span.start; at < span.end; at++) consumed.add(at);
  }
  const free = tokens.map((token, at) => (consumed.has(at) ? '' : unstretched(knowledge, token)));
  const filters = { countries: knowledge.countries.findAll(free), areas: knowledge.areas.findAll(free) };
  const language = languageOf(knowledge, text, free, filters);
  const spans = [...names, ...wordSpans(knowledge, tokens, free, language, filters, breaks)];
  for (const name of unknownNames(knowledge, read, consumed, breaks)) spans.push(name);
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // the mark closing the message is no break between tokens, but says whether its last sentence asks
  const endsAsking = closesWithQuestionMark(text);
  return view(
    knowledge,
    { tokens, free, language, spans, breaks, blank: input.trim().length === 0, endsAsking },
    0,
    tokens.length,
  );
}

export interface Reading {
  tokens: string[];
  free: string[];
  language: Language | undefined;
  spans: Span[];
  breaks: Break[];
  blank: boolean;
  /** The message ends with a question mark. */
  endsAsking?: boolean;
}

/** What one stretch of a message says (all of it, or one clause): the spans inside it, summed up. */
export function view(knowledge: Knowledge, reading: Reading, start: number, end: number): Understanding {
  const spans = withoutNestedCues(reading.spans.filter((span) => span.start >= start && span.end <= end));
  const tokens = reading.tokens.slice(start, end);
  const free = reading.free.slice(start, end);
  const byKind = new Map<Span['kind'], Span[]>();
  for (const span of spans) {
    const list = byKind.get(span.kind);
    if (list) list.push(span);
    else byKind.set(span.kind, [span]);
  }
  const values = <K extends Span['kind']>(kind: K) => (byKind.get(kind) ?? []) as Extract<Span, { kind: K }>[];
  const cues = new Map<CueKind, number>();
  for (const span of values('cue')) cues.set(span.cue, (cues.get(span.cue) ?? 0) + 1);
  const partnerSpans = values('partner');
  const countries = unique(values('country').map((span) => span.code));
  const covered = new Set<number>();
  for (const span of spans) for (let at = span.start; at < span.end; at++) covered.add(at);
  const unknownTokens = tokens.filter(
    (token, offset) =>
      token !== '' &&
      !covered.has(start + offset) &&
      !knowledge.vocabulary.has(reading.free[start + offset] ?? token) &&
      !/\d/.test(token),
  ).length;
  const [followUpHit] = knowledge.followUp.at(tokens, 0);
  return {
    tokens,
    language: reading.language,
    partners: unique(partnerSpans.map((span) => span.id)),
    ambiguous: unique(values('ambiguous').flatMap((span) => span.ids)),
    fuzzy: partnerSpans.some((span) => span.fuzzy),
    countries,
    areas: unique(values('area').map((span) => span.area)),
    period: extractPeriod(knowledge, tokens),
    order: orderOf(values('order'), values('bound')),
    schoolNumbers: unique(values('school').map((span) => span.number)),
    institutionPartners: unique(values('institution').map((span) => span.partner)),
    japan: values('japan').length > 0 || countries.includes(knowledge.dataset.overview.japan.country),
    // a lower-case word known only to the gazetteer ("hola" is a town in Kenya) is a place only
    // when the clause asks about partners or places
    // "near Vilnius", "pod Wilnem" locates something else: that place is not asked about
    places: values('place')
      .filter(
        (span) =>
          !span.weak ||
          // a name of several words ("kirowo-czepieck", "san marino") is seldom a common word by chance
          span.end - span.start > 1 ||
          placeTalk(cues, knowledge.followUp.at(tokens, 0).length > 0, tokens.filter(Boolean).length),
      )
      .filter((span) => !values('near').some((near) => near.end === span.start || near.end + 1 === span.start))
      .map((span) => span.place),
    unknownNames: unique(values('unknownName').map((span) => span.word)),
    cues,
    followUp: Boolean(followUpHit) && (followUpHit?.end ?? 0) < tokens.length,
    picture: values('picture')[0]?.picture,
    residue: free.filter(Boolean).length,
    blank: reading.blank,
    spans,
    breaks: reading.breaks.filter((mark) => mark.at > start && mark.at < end),
    unknownTokens,
    range: { start, end },
    reading,
  };
}

/** A common word's vote: alone, an unshared one just tells the language (detectLanguage's least score). */
const COMMON_WORD_VOTE = 0.6;

function languageOf(
  knowledge: Knowledge,
  text: string,
  free: readonly string[],
  filters: FilterHits,
): Language | undefined {
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
    if (!token || !knowledge.vocabulary.has(token)) continue;
    let speakers = 0;
    for (const words of knowledge.words.values()) if (words.has(token)) speakers++;
    for (const [language, words] of knowledge.words) if (words.has(token)) vote(language, 1 / speakers);
  }
  // a common word of one language that is no cue ("cheap", "hotels", "lol") tells it too, more softly
  for (const token of free) {
    if (!token || knowledge.vocabulary.has(token)) continue;
    const speakers = [...knowledge.commonWords].filter(([, words]) => words.has(token)).map(([language]) => language);
    for (const language of speakers) vote(language, COMMON_WORD_VOTE / speakers.length);
  }
  voteFor(filters.countries);
  voteFor(filters.areas);
  const detectable = free.filter((token) => token && !/\d/.test(token) && !token.startsWith(EMOJI_PREFIX));
  return detectable.length > 0
    ? detectLanguage(naturalText(text, detectable), votes, knowledge.locales.languages)
    : undefined;
}

/**
 * The statistical detector reads the words as written (diacritics tell Polish from Italian), minus
 * the names, which belong to no language.
 */
function naturalText(text: string, detectable: readonly string[]): string {
  const kept = new Set(detectable);
  const words = rawWords(text).filter((word) => {
    const folded = fold(word);
    // a word that folds to nothing ("ь") has no token the detector lacks
    if (folded === '' || folded.includes(' ')) return tokenize(folded).every((token) => kept.has(token));
    return kept.has(folded);
  });
  return words.length > 0 ? words.join(' ') : detectable.join(' ');
}

/** Capitalised words no index knows: likely places that are not partners. */
/** Longest sentence whose first word may be taken for a name by its capital alone ("Zaragoza a partner?"). */
const SHORT_SENTENCE = 4;

function unknownNames(
  knowledge: Knowledge,
  read: readonly Token[],
  consumed: ReadonlySet<number>,
  breaks: readonly Break[],
): Span[] {
  const names: Span[] = [];
  // "Volevo chiedere: quante…": a colon announces the rest of its sentence, it does not end it
  const ends = breaks.filter((mark) => mark.strong && !mark.lead).map((mark) => mark.at);
  const starts = [0, ...breaks.filter((mark) => mark.strong).map((mark) => mark.at)];
  const sentenceLength = (start: number) => (ends.find((at) => at > start) ?? read.length) - start;
  for (const [index, entry] of read.entries()) {
    if (consumed.has(index) || !entry.capitalised || entry.token.length < 3) continue;
    // a long sentence starts with a capital whatever its first word is ("Volevo sapere…")
    if (starts.includes(index) && sentenceLength(index) > SHORT_SENTENCE) continue;
    const word = rawWords(entry.raw)[0] ?? entry.raw;
    const tokens = [entry.token];
    if (tokenize(fold(word)).length !== 1) continue;
    const known =
      knowledge.vocabulary.has(tokens[0] ?? '') ||
      knowledge.aliases.has(tokens) ||
      knowledge.places.has(tokens) ||
      knowledge.home.has(tokens) ||
      knowledge.intents.has(tokens) ||
      knowledge.countries.has(tokens) ||
      knowledge.areas.has(tokens) ||
      knowledge.order.has(tokens) ||
      // "negli anni Novanta": a decade's name, not a town one letter away (Noventa)
      knowledge.decades.has(tokens) ||
      knowledge.institutionAliases.has(tokens) ||
      knowledge.japanAliases.has(tokens) ||
      stemMatch(knowledge, knowledge.aliasStems, tokens[0] ?? '') !== undefined ||
      stemMatch(knowledge, knowledge.placeStems, tokens[0] ?? '') !== undefined ||
      fuzzyMatch(knowledge, tokens[0] ?? '').length > 0;
    if (known) continue;
    // a capitalised word one letter from a real place ("Berdiańsk" for Berdyansk, "Berdsku") is that place
    const near = entry.token.length >= LOOK_ALIKE_LETTERS ? nearestPlace(knowledge, entry.token, 1) : undefined;
    if (near)
      names.push({ kind: 'place', place: { country: near.country, name: near.name }, start: index, end: index + 1 });
    else names.push({ kind: 'unknownName', word, start: index, end: index + 1 });
  }
  return names;
}

const PLACE_CUES: readonly CueKind[] = [
  'partnership',
  'partner_info',
  'signing_date',
  'cooperation',
  'institutions',
  'distance',
  'list_partners',
];

function placeTalk(cues: ReadonlyMap<CueKind, number>, followUp: boolean, words: number): boolean {
  return (followUp && words <= 2) || PLACE_CUES.some((cue) => (cues.get(cue) ?? 0) > 0);
}

/**
 * "of the list", "z listy", "della lista" point at the list shown: their "list" asks for no list,
 * and is no question word either ("list the partners").
 */
function withoutListWordsOfReferences(spans: Span[]): Span[] {
  if (!spans.some((span) => span.kind === 'reference' && span.end - span.start > 1)) return spans;
  const listWords = spans.filter(
    (span) =>
      span.kind === 'cue' &&
      span.cue === 'list_partners' &&
      spans.some(
        (reference) =>
          reference.kind === 'reference' &&
          reference.end - reference.start > 1 &&
          reference.start <= span.start &&
          reference.end >= span.end,
      ),
  );
  if (listWords.length === 0) return spans;
  return spans.filter(
    (span) =>
      (span.kind !== 'cue' && span.kind !== 'question') ||
      !listWords.some((word) => word.start === span.start && word.end === span.end),
  );
}

/**
 * A cue inside a longer cue of another kind reads as part of it ("serve" in "mi serve aiuto"), and
 * "country" in "my country" asks for no overview of countries.
 */
function withoutNestedCues(all: Span[]): Span[] {
  // "my country", "are we partners": the words name the asker's country or town, they ask no list
  const mine = all.filter((span) => span.kind === 'mine' || span.kind === 'ours');
  const spans = withoutListWordsOfReferences(
    mine.length === 0
      ? all
      : all.filter(
          // "are we partners" still asks about the partnership
          (span) =>
            span.kind !== 'cue' ||
            span.cue === 'partnership' ||
            !mine.some((one) => one.start <= span.start && one.end >= span.end),
        ),
  );
  const cues = spans.filter((span): span is Extract<Span, { kind: 'cue' }> => span.kind === 'cue');
  if (cues.length < 2) return spans;
  return spans.filter(
    (span) =>
      span.kind !== 'cue' ||
      span.cue === 'partnership' ||
      !cues.some(
        (other) =>
          other.cue !== span.cue &&
          other.cue !== 'partnership' &&
          other.start <= span.start &&
          other.end >= span.end &&
          other.end - other.start > span.end - span.start,
      ),
  );
}

/** How far back from the end a closing question mark is looked for ("…ghe ne ze?? 🙏"). */
const CLOSING_MARKS = 16;

/** The message ends with a question mark, maybe followed by other marks, spaces or emoji. */
function closesWithQuestionMark(text: string): boolean {
  for (let at = text.length - 1; at >= Math.max(0, text.length - CLOSING_MARKS); at--) {
    const char = text[at] ?? '';
    if (char === '?') return true;
    if (/[\p{L}\p{N}]/u.test(char)) return false;
  }
  return false;
}
