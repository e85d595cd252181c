import type { NearPlace } from './gazetteer.js';
import type { Knowledge } from './knowledge.js';

/**
 * The word as the languages' spellings romanise it ("kirowsk" → "kirovsk", "czerkasy" →
 * "cherkasy"): one pass, the longest spelling at each letter, so a replacement is never replaced again.
 */
export function romanised(spellings: Knowledge['spellings'], word: string): string {
  let out = '';
  let at = 0;
  while (at < word.length) {
    const spelling = spellings.find(([written]) => word.startsWith(written, at));
    if (spelling) {
      out += spelling[1];
      at += spelling[0].length;
    } else {
      out += word[at];
      at++;
    }
  }
  return out;
}

/** One of the commonest words of a language ("terza", "start"): one letter from a town is no name. */
export function isCommonWord(knowledge: Knowledge, token: string): boolean {
  for (const words of knowledge.commonWords.values()) if (words.has(token)) return true;
  return false;
}

/** Letters a stem keeps at least: shorter ones are anybody's town ("kir" of "kirem"). */
const SHORTEST_STEM = 4;
/** Letters a stem needs before it may also be a letter off ("berdiansk" of "berdianskiem"; "kultur" may not). */
const SHORTEST_MISTYPED_STEM = 8;

interface Variant {
  form: string;
  /** Edits allowed beyond the word's own: a romanised form or a short stem must be a name exactly. */
  edits: number;
}

/**
 * The ways a word may write a place's name: itself, romanised, and the stems its case endings
 * leave ("berdianskiem" → "berdiansk"), each also romanised; the word itself first.
 */
export function nameVariants(knowledge: Knowledge, word: string, maxDistance: number): Variant[] {
  const stems = knowledge.nameSuffixes
    .filter((suffix) => word.endsWith(suffix) && word.length - suffix.length >= SHORTEST_STEM)
    .map((suffix) => word.slice(0, -suffix.length))
    // "champions" is the word "champion", not a letter off Campion
    .filter((stem) => !isCommonWord(knowledge, stem));
  const variants: Variant[] = [{ form: latin(word), edits: maxDistance }];
  const romanisedWord = romanised(knowledge.spellings, word);
  if (romanisedWord !== word) variants.push({ form: romanisedWord, edits: 0 });
  for (const stem of stems) {
    variants.push({ form: stem, edits: stem.length >= SHORTEST_MISTYPED_STEM ? Math.min(1, maxDistance) : 0 });
    const romanisedStem = romanised(knowledge.spellings, stem);
    if (romanisedStem !== stem) variants.push({ form: romanisedStem, edits: 0 });
  }
  return variants;
}

/**
 * Letters of the longest one-word town name there is (Llanfairpwllgwyngyll…gogogoch has 58): a longer
 * word names no place, and must not pay for building the gazetteer's index of near names.
 */
const LONGEST_PLACE_NAME = 64;

/**
 * The real place a word names or nearly names, in any of its variants (`nameVariants`): the fewest
 * edits win, and on a tie the word as written before its romanised form or a stem. "kirowsk" is
 * Kirovsk (Russia, 0 edits romanised) rather than Kirawsk (Belarus, 1 edit as written).
 */
export function nearestPlace(knowledge: Knowledge, word: string, maxDistance: number): NearPlace | undefined {
  if (word.length > LONGEST_PLACE_NAME + maxDistance) return undefined;
  let best: NearPlace | undefined;
  for (const { form, edits } of nameVariants(knowledge, word, maxDistance)) {
    const limit = best ? Math.min(edits, best.distance - 1) : edits;
    if (limit < 0) continue;
    const near = knowledge.gazetteer.nearest(form, limit);
    if (near && (!best || near.distance < best.distance)) best = near;
    if (best?.distance === 0) break;
  }
  return best;
}

/**
 * Cyrillic letters as the gazetteer's English romanisation writes them (BGN/PCGN for Russian,
 * Ukrainian and Belarusian, simplified): folded Cyrillic has already lost its accents, so
 * "й" is "и" and "ё" is "е"; the soft and hard signs write nothing.
 */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ў: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
const HAS_CYRILLIC = /[\u0400-\u04ff]/;

/** A folded word in Cyrillic, in Latin letters ("чепецк" → "chepetsk"); any other word as it is. */
export function latin(word: string): string {
  if (!HAS_CYRILLIC.test(word)) return word;
  return [...word].map((letter) => CYRILLIC[letter] ?? letter).join('');
}

/** The folded words of a message with Cyrillic ones in Latin letters, for the gazetteer; the same array when none is. */
export function latinTokens(tokens: readonly string[]): readonly string[] {
  return tokens.some((token) => HAS_CYRILLIC.test(token)) ? tokens.map(latin) : tokens;
}
