import { distance as editDistance } from 'fastest-levenshtein';
import type { PlacesData, PlacesLocale } from '../../domain/places.js';
import type { Language } from '../../domain/schema.js';
import { fold } from '../normalize.js';

export interface PlaceMatch {
  /** How many words of the message the name covers. */
  length: number;
  name: string;
  country: string;
}

export interface NearPlace {
  name: string;
  country: string;
  distance: number;
}

/**
 * The real places that are not partners, and the countries, as people write them. Words are folded
 * by `fold` (src/engine/normalize.ts): a hyphen or an apostrophe is a word break, so
 * "Kirovo-Chepetsk" is the two words "kirovo chepetsk" and "L'Aquila" is "l aquila".
 */
export interface PlaceIndex {
  /** The longest place name that starts at words[start], if any. */
  match(words: readonly string[], start: number): PlaceMatch | undefined;
  /** The place whose name is closest to the word, within maxDistance edits (same first letter). */
  nearest(word: string, maxDistance: number): NearPlace | undefined;
  /** Every folded form of every country name in that language ("niemczech" → "DE"). */
  countryForms(language: Language): ReadonlyMap<string, string>;
}

interface Place {
  name: string;
  country: string;
}

const TAB = '\t';
const TAB_CODE = 9;
const HASH = 35;

function capitalised(folded: string): string {
  return folded.replace(/(^|\s)(\p{L})/gu, (_match, space: string, letter: string) => space + letter.toUpperCase());
}

const NEWLINE_CODE = 10;
/** Searches start from the lines sharing this many first code units with the key. */
const PREFIX_UNITS = 3;

/** text's name at `start` (up to its tab) against key, as `<` orders strings: negative, 0 or positive. */
function compareName(text: string, start: number, key: string): number {
  for (let offset = 0; ; offset++) {
    const code = text.charCodeAt(start + offset);
    const nameOver = code === TAB_CODE || code === NEWLINE_CODE || Number.isNaN(code);
    if (offset === key.length) return nameOver ? 0 : 1;
    if (nameOver) return -1;
    const difference = code - key.charCodeAt(offset);
    if (difference !== 0) return difference;
  }
}

/** Whether text's name at `start` begins with prefix. */
function nameStartsWith(text: string, start: number, prefix: string): boolean {
  return text.startsWith(prefix, start) && text.indexOf(TAB, start) >= start + prefix.length;
}

/** Line starts and name ends of every place, for the index `nearest` builds. */
interface Lines {
  readonly size: number;
  readonly starts: Int32Array;
  readonly nameEnds: Int32Array;
}

/**
 * The gazetteer text searched in place, by halving the text itself: nothing is built before the
 * first search (a table of a hundred thousand lines costs ~15 ms, a Map of the names ~40 MB and
 * ~150 ms). A place is the offset of its line; `nearest` numbers the lines, when first asked.
 */
class Gazetteer {
  private numbered: Lines | undefined;
  private readonly ranges = new Map<string, readonly [number, number]>();

  constructor(private readonly text: string) {}

  get source(): string {
    return this.text;
  }

  private nextLine(start: number): number {
    const newline = this.text.indexOf('\n', start);
    return newline === -1 ? this.text.length : newline + 1;
  }

  /** A line that holds a place, not a comment or nothing. */
  private holdsPlace(start: number): boolean {
    const code = this.text.charCodeAt(start);
    return start < this.text.length && code !== HASH && code !== NEWLINE_CODE;
  }

  /** The first line holding a place from `start` on, or the end of the text. */
  private placeFrom(start: number): number {
    let line = start;
    while (line < this.text.length && !this.holdsPlace(line)) line = this.nextLine(line);
    return line;
  }

  /**
   * The first place from `low` (a line start) before `high` whose name is not below `key`, or
   * `high` when there is none.
   */
  private lowerBoundIn(key: string, from: number, to: number): number {
    const { text } = this;
    // Every place starting before `low` is below the key; every one from `high` on is not.
    let low = from;
    let high = to;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const start = Math.max(low, text.lastIndexOf('\n', middle - 1) + 1);
      const line = this.placeFrom(start);
      if (line >= high) high = start;
      else if (compareName(text, line, key) < 0) low = this.nextLine(line);
      else high = start;
    }
    return Math.min(this.placeFrom(low), to);
  }

  /**
   * The lines whose names start with the key's first three code units (fewer for a shorter key),
   * found by halving when first asked and remembered: a search then halves a dozen lines, not the
   * whole text.
   */
  private rangeOf(key: string): readonly [number, number] {
    const prefix = key.slice(0, PREFIX_UNITS);
    const known = this.ranges.get(prefix);
    if (known) return known;
    const last = prefix.charCodeAt(prefix.length - 1);
    const from = this.lowerBoundIn(prefix, 0, this.text.length);
    const to =
      last === 0xffff
        ? this.text.length
        : this.lowerBoundIn(`${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}`, from, this.text.length);
    const range = [from, to] as const;
    this.ranges.set(prefix, range);
    return range;
  }

  /** The first place whose name is not below `key` (the end of its range when there is none). */
  private lowerBound(key: string): number {
    if (key === '') return this.placeFrom(0);
    const [from, to] = this.rangeOf(key);
    return this.lowerBoundIn(key, from, to);
  }

  /** The line of the place with this folded name, or -1. */
  find(key: string): number {
    const line = this.lowerBound(key);
    return this.holdsPlace(line) && compareName(this.text, line, key) === 0 ? line : -1;
  }

  hasPrefix(prefix: string): boolean {
    const line = this.lowerBound(prefix);
    return this.holdsPlace(line) && nameStartsWith(this.text, line, prefix);
  }

  nameAt(line: number): string {
    return this.text.slice(line, this.text.indexOf(TAB, line));
  }

  placeAt(line: number): Place {
    const nameEnd = this.text.indexOf(TAB, line);
    const country = this.text.slice(nameEnd + 1, nameEnd + 3);
    if (this.text.charCodeAt(nameEnd + 3) !== TAB_CODE) return { name: capitalised(this.nameAt(line)), country };
    const newline = this.text.indexOf('\n', nameEnd + 4);
    return { name: this.text.slice(nameEnd + 4, newline === -1 ? this.text.length : newline), country };
  }

  /** Every place's line and name end, in order. */
  lines(): Lines {
    if (this.numbered) return this.numbered;
    const { text } = this;
    let count = 0;
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Int32Array(count + 1);
    const nameEnds = new Int32Array(count + 1);
    let size = 0;
    for (let start = 0; start < text.length; start = this.nextLine(start)) {
      if (!this.holdsPlace(start)) continue;
      starts[size] = start;
      nameEnds[size] = text.indexOf(TAB, start);
      size++;
    }
    this.numbered = { size, starts, nameEnds };
    return this.numbered;
  }
}

/** A 32-bit set of the letters in text[from, to): each edit changes at most two bits, a cheap lower bound. */
function letterMask(text: string, from = 0, to = text.length): number {
  let mask = 0;
  for (let i = from; i < to; i++) mask |= 1 << (text.charCodeAt(i) % 32);
  return mask;
}

function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const LONGEST_BUCKET = 63;
const bucketKey = (firstLetter: number, length: number): number =>
  firstLetter * (LONGEST_BUCKET + 1) + Math.min(length, LONGEST_BUCKET);

/**
 * Every searchable name grouped by first letter and length, with its letter mask, for `nearest`.
 * A name is an id: a gazetteer line's number, or the number of lines + the position of an exonym.
 */
interface NearIndex {
  readonly ids: Int32Array;
  readonly masks: Int32Array;
  /** bucket key → [first, end) into ids */
  readonly ranges: ReadonlyMap<number, readonly [number, number]>;
}

/** Ids stay below this, so a key and an id pack into one float and a native numeric sort groups them. */
const ID_SPACE = 2 ** 21;

function buildNearIndex(gazetteer: Gazetteer, exonyms: readonly string[], hidden: ReadonlySet<number>): NearIndex {
  const text = gazetteer.source;
  const { size, starts, nameEnds } = gazetteer.lines();
  const packed = new Float64Array(size - hidden.size + exonyms.length);
  const maskOf = new Int32Array(size + exonyms.length);
  let count = 0;
  for (let line = 0; line < size; line++) {
    const from = starts[line] ?? 0;
    if (hidden.has(from)) continue;
    const to = nameEnds[line] ?? 0;
    packed[count++] = bucketKey(text.charCodeAt(from), to - from) * ID_SPACE + line;
    maskOf[line] = letterMask(text, from, to);
  }
  exonyms.forEach((name, position) => {
    const id = size + position;
    packed[count++] = bucketKey(name.charCodeAt(0), name.length) * ID_SPACE + id;
    maskOf[id] = letterMask(name);
  });
  const sorted = packed.subarray(0, count).sort();
  const ids = new Int32Array(count);
  const masks = new Int32Array(count);
  const ranges = new Map<number, readonly [number, number]>();
  let from = 0;
  for (let index = 0; index < count; index++) {
    const value = sorted[index] ?? 0;
    const id = value % ID_SPACE;
    ids[index] = id;
    masks[index] = maskOf[id] ?? 0;
    const key = Math.floor(value / ID_SPACE);
    if (index + 1 === count || Math.floor((sorted[index + 1] ?? 0) / ID_SPACE) !== key) {
      ranges.set(key, [from, index + 1]);
      from = index + 1;
    }
  }
  return { ids, masks, ranges };
}

function countryFormsOf(locale: PlacesLocale): Map<string, string> {
  const forms = new Map<string, string>();
  for (const [country, entry] of Object.entries(locale.countries)) {
    const written = [...entry.names.flatMap((name) => Object.values(name)), ...entry.adjectives, ...entry.other];
    for (const text of written) {
      const folded = fold(text);
      if (folded !== '' && !forms.has(folded)) forms.set(folded, country);
    }
  }
  return forms;
}

/** No place name people write has more words; `match` joins no more than this. */
const LONGEST_NAME_WORDS = 8;

/**
 * Builds the index from the gazetteer and each language's places.json. A name that the dataset
 * gives a partner is never a place here, whatever namesake towns exist (the partner wins), nor is
 * a word of the engine's own vocabulary. The names a language gives foreign places ("Monachium",
 * "Augusta" for Augsburg) take precedence over a gazetteer namesake.
 */
export function buildPlaceIndex(data: PlacesData): PlaceIndex {
  const { locales } = data;
  const formsByLanguage = new Map<Language, ReadonlyMap<string, string>>();
  for (const [language, locale] of locales) formsByLanguage.set(language, countryFormsOf(locale));
  // A country's name is a country, not a town of the same name ("Italy" in Texas, "Armenia" in Colombia).
  const countryNames = [...formsByLanguage.values()].flatMap((forms) => [...forms.keys()]);
  const excluded = new Set([...[...data.partnerNames, ...(data.commonWords ?? [])].map(fold), ...countryNames]);
  const gazetteer = new Gazetteer(data.gazetteer);

  const exonyms = new Map<string, Place>();
  const exonymPrefixes = new Set<string>();
  for (const locale of locales.values()) {
    for (const place of locale.places) {
      for (const form of [place.name, ...place.forms]) {
        const folded = fold(form);
        if (folded === '' || excluded.has(folded) || exonyms.has(folded)) continue;
        exonyms.set(folded, { name: place.name, country: place.country });
        const words = folded.split(' ');
        for (let length = 1; length < words.length; length++)
          exonymPrefixes.add(`${words.slice(0, length).join(' ')} `);
      }
    }
  }

  const placeNamed = (folded: string): Place | undefined => {
    if (excluded.has(folded)) return undefined;
    const exonym = exonyms.get(folded);
    if (exonym) return exonym;
    const line = gazetteer.find(folded);
    return line === -1 ? undefined : gazetteer.placeAt(line);
  };
  const startsAName = (prefix: string): boolean => exonymPrefixes.has(prefix) || gazetteer.hasPrefix(prefix);

  const exonymNames = [...exonyms.keys()];
  const nameOfId = (id: number): string => {
    const { size, starts } = gazetteer.lines();
    return id < size ? gazetteer.nameAt(starts[id] ?? 0) : (exonymNames[id - size] ?? '');
  };
  let near: NearIndex | undefined;
  const nearIndex = (): NearIndex => {
    if (near) return near;
    // Lines (by offset) the index never answers with: partners' names, vocabulary, and names an exonym took over.
    const hidden = new Set<number>();
    for (const name of [...excluded, ...exonymNames]) {
      const line = gazetteer.find(name);
      if (line !== -1) hidden.add(line);
    }
    near = buildNearIndex(gazetteer, exonymNames, hidden);
    return near;
  };

  return {
    match(words, start) {
      const first = words[start];
      if (first === undefined || first === '') return undefined;
      // Grow the phrase while some name still starts with it, then take the longest that is a name.
      let longest = 1;
      let phrase = first;
      while (longest < LONGEST_NAME_WORDS && start + longest < words.length && startsAName(`${phrase} `)) {
        phrase = `${phrase} ${words[start + longest]}`;
        longest++;
      }
      for (let length = longest; length >= 1; length--) {
        const folded = length === 1 ? first : words.slice(start, start + length).join(' ');
        const place = placeNamed(folded);
        if (place) return { length, ...place };
      }
      return undefined;
    },

    nearest(word, maxDistance) {
      if (word === '') return undefined;
      const { ids, masks, ranges } = nearIndex();
      const mask = letterMask(word);
      const firstLetter = word.charCodeAt(0);
      let best: { name: string; distance: number } | undefined;
      let limit = maxDistance;
      // Same length first, then one letter more or less, and so on: ties go to the closest length.
      for (let step = 0; step <= 2 * maxDistance; step++) {
        const length = word.length + (step % 2 === 0 ? step / 2 : -(step + 1) / 2);
        const range = length > 0 ? ranges.get(bucketKey(firstLetter, length)) : undefined;
        if (!range) continue;
        for (let index = range[0]; index < range[1]; index++) {
          if (bitCount(mask ^ (masks[index] ?? 0)) > 2 * limit) continue;
          const name = nameOfId(ids[index] ?? 0);
          const distance = editDistance(word, name);
          if (distance <= limit && (best === undefined || distance < best.distance)) {
            best = { name, distance };
            limit = distance;
            if (distance === 0) break;
          }
        }
        if (best?.distance === 0) break;
      }
      const place = best && placeNamed(best.name);
      return best && place ? { ...place, distance: best.distance } : undefined;
    },

    countryForms(language) {
      return formsByLanguage.get(language) ?? new Map();
    },
  };
}

/** The same index, built on the first question that needs it, so start-up does not pay for it. */
export function lazyPlaceIndex(load: () => PlacesData): PlaceIndex {
  let index: PlaceIndex | undefined;
  const built = (): PlaceIndex => {
    index ??= buildPlaceIndex(load());
    return index;
  };
  return {
    match: (words, start) => built().match(words, start),
    nearest: (word, maxDistance) => built().nearest(word, maxDistance),
    countryForms: (language) => built().countryForms(language),
  };
}
