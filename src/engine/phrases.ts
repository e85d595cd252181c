import { emojiAsWords, fold, tokenize } from './normalize.js';

/**
 * A phrase of folded tokens after its first: each matches a token whole, or, with `prefix`, any
 * word it begins (a phrase written with a final *). The first token is the index's key.
 */
interface Phrase<T> {
  rest: readonly { text: string; prefix: boolean }[];
  /** The first token is a stem: the token must begin with `first` (its key holds only its start). */
  first: string | undefined;
  length: number;
  value: T;
}

export interface PhraseHit<T> {
  value: T;
  start: number;
  /** Index after the last token of the hit. */
  end: number;
}

const STEM_KEY_LENGTH = 3;
/** Shared empty result: most tokens start no phrase. Never mutated. */
const NO_HITS: PhraseHit<never>[] = [];

/**
 * Finds known phrases (cue words, aliases, country names…) in a folded token list. Phrases are
 * indexed by their first token, or by the first letters of a wildcard stem, so a lookup costs a
 * couple of map reads per token whatever the size of the vocabulary. A token that starts no phrase
 * (nearly all of them, for most indexes) costs one map read and no allocation.
 */
export class PhraseIndex<T> {
  private readonly exact = new Map<string, Phrase<T>[]>();
  private readonly stems = new Map<string, Phrase<T>[]>();
  /** The first code unit of every stem key: a token starting otherwise needs no stem lookup. */
  private readonly stemStarts = new Set<number>();

  add(phrase: string, value: T): void {
    const wildcard = phrase.trim().endsWith('*');
    const tokens = tokenize(fold(emojiAsWords(phrase)));
    const [first] = tokens;
    if (first === undefined) return;
    const last = tokens.length - 1;
    const rest = tokens.slice(1).map((text, offset) => ({ text, prefix: wildcard && offset + 1 === last }));
    const stem = wildcard && last === 0 ? first : undefined;
    if (stem !== undefined && stem.length >= STEM_KEY_LENGTH) {
      this.stemStarts.add(stem.charCodeAt(0));
      push(this.stems, stem.slice(0, STEM_KEY_LENGTH), { rest, first: stem, length: tokens.length, value });
    } else {
      // A short stem ("ue*") is too loose to be a prefix: it must match whole.
      push(this.exact, first, { rest, first: undefined, length: tokens.length, value });
    }
  }

  addAll(phrases: readonly string[], value: T): void {
    for (const phrase of phrases) this.add(phrase, value);
  }

  /** Every phrase that starts at `start`, longest first. */
  at(tokens: readonly string[], start: number): PhraseHit<T>[] {
    const token = tokens[start];
    if (token === undefined) return NO_HITS;
    const exact = this.exact.get(token);
    const stems =
      token.length >= STEM_KEY_LENGTH && this.stemStarts.has(token.charCodeAt(0))
        ? this.stems.get(token.slice(0, STEM_KEY_LENGTH))
        : undefined;
    if (exact === undefined && stems === undefined) return NO_HITS;
    let hits: PhraseHit<T>[] | undefined;
    if (exact !== undefined) hits = collect(exact, tokens, start, hits);
    if (stems !== undefined) hits = collect(stems, tokens, start, hits);
    if (hits === undefined) return NO_HITS;
    return hits.length > 1 ? hits.sort((a, b) => b.end - a.end) : hits;
  }

  /** All hits anywhere in the tokens (overlapping allowed). */
  findAll(tokens: readonly string[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    for (let start = 0; start < tokens.length; start++) {
      const found = this.at(tokens, start);
      for (let index = 0; index < found.length; index++) hits.push(found[index] as PhraseHit<T>);
    }
    return hits;
  }

  /** Hits that do not overlap, preferring the longest phrase at each position. */
  findLongest(tokens: readonly string[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    let start = 0;
    while (start < tokens.length) {
      const [best] = this.at(tokens, start);
      if (best) {
        hits.push(best);
        start = best.end;
      } else {
        start++;
      }
    }
    return hits;
  }

  has(tokens: readonly string[]): boolean {
    for (let start = 0; start < tokens.length; start++) if (this.at(tokens, start).length > 0) return true;
    return false;
  }
}

/** The phrases of one list that match at `start`, added to `hits` (made when the first one matches). */
function collect<T>(
  phrases: readonly Phrase<T>[],
  tokens: readonly string[],
  start: number,
  hits: PhraseHit<T>[] | undefined,
): PhraseHit<T>[] | undefined {
  let found = hits;
  for (const phrase of phrases) {
    const end = start + phrase.length;
    if (end > tokens.length) continue;
    if (phrase.first !== undefined && !(tokens[start] ?? '').startsWith(phrase.first)) continue;
    if (!restMatches(phrase.rest, tokens, start + 1)) continue;
    found ??= [];
    found.push({ value: phrase.value, start, end });
  }
  return found;
}

function restMatches(rest: Phrase<unknown>['rest'], tokens: readonly string[], from: number): boolean {
  for (let offset = 0; offset < rest.length; offset++) {
    const pattern = rest[offset] as Phrase<unknown>['rest'][number];
    const token = tokens[from + offset] ?? '';
    if (pattern.prefix ? !token.startsWith(pattern.text) : pattern.text !== token) return false;
  }
  return true;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
