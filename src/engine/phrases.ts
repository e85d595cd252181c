import { emojiAsWords, fold, tokenize } from './normalize.js';

/** A phrase of folded tokens; a token ending in * matches any word it begins. */
interface Phrase<T> {
  tokens: string[];
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

function tokenMatches(pattern: string, token: string): boolean {
  return pattern.endsWith('*') ? token.startsWith(pattern.slice(0, -1)) : pattern === token;
}

/**
 * Finds known phrases (cue words, aliases, country names…) in a folded token list. Phrases are
 * indexed by their first token, or by the first letters of a wildcard stem, so a lookup costs a
 * couple of map reads per token whatever the size of the vocabulary.
 */
export class PhraseIndex<T> {
  private readonly exact = new Map<string, Phrase<T>[]>();
  private readonly stems = new Map<string, Phrase<T>[]>();

  add(phrase: string, value: T): void {
    const wildcard = phrase.trim().endsWith('*');
    const tokens = tokenize(fold(emojiAsWords(phrase)));
    if (tokens.length === 0) return;
    if (wildcard) tokens[tokens.length - 1] += '*';
    const [first = ''] = tokens;
    const entry = { tokens, value };
    const stem = first.endsWith('*') ? first.slice(0, -1) : undefined;
    if (stem !== undefined && stem.length >= STEM_KEY_LENGTH) {
      push(this.stems, stem.slice(0, STEM_KEY_LENGTH), entry);
    } else {
      // A short stem ("ue*") is too loose to be a prefix: it must match whole.
      if (stem !== undefined) tokens[0] = stem;
      push(this.exact, tokens[0] ?? '', entry);
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
    const stems = token.length >= STEM_KEY_LENGTH ? this.stems.get(token.slice(0, STEM_KEY_LENGTH)) : undefined;
    if (!exact && !stems) return NO_HITS;
    let hits: PhraseHit<T>[] | undefined;
    for (const list of [exact, stems]) {
      for (const phrase of list ?? []) {
        const end = start + phrase.tokens.length;
        if (end > tokens.length) continue;
        if (phrase.tokens.every((pattern, offset) => tokenMatches(pattern, tokens[start + offset] ?? ''))) {
          hits ??= [];
          hits.push({ value: phrase.value, start, end });
        }
      }
    }
    if (!hits) return NO_HITS;
    return hits.length > 1 ? hits.sort((a, b) => b.end - a.end) : hits;
  }

  /** All hits anywhere in the tokens (overlapping allowed). */
  findAll(tokens: readonly string[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    for (let start = 0; start < tokens.length; start++) hits.push(...this.at(tokens, start));
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
    return tokens.some((_, start) => this.at(tokens, start).length > 0);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
