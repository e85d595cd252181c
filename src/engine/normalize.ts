import { remembered } from './remember.js';
/** Longest text that understanding looks at; the rest of a 100 KB message adds nothing but cost. */
export const MAX_UNDERSTOOD_CHARS = 600;

const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  ł: 'l',
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  đ: 'd',
  ı: 'i',
};

/** Latin letters and single spaces only: folding would only lower the case (most names and cue words). */
const PLAIN_WORDS = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

/**
 * Folds text for matching: lower case, no diacritics (in any script), one space between words,
 * punctuation and symbols dropped. "Wołkowyskiem!" and "wolkowyskiem" fold to the same key.
 */
export function fold(text: string): string {
  if (PLAIN_WORDS.test(text)) return text.toLowerCase();
  if (text.length > REMEMBERED_WORD_LENGTH) return folded(text);
  return foldedWord(text);
}

/**
 * Words people type recur (every message is mostly the same few thousand words): a word's folding,
 * six regular expressions, is remembered (a bounded memory, of words only: longer texts are folded anew).
 */
const REMEMBERED_WORDS = 20_000;
const REMEMBERED_WORD_LENGTH = 40;

function folded(text: string): string {
  return (
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/\p{M}+/gu, '')
      .replace(/[łßæøđı]/g, (letter) => LETTERS_WITHOUT_DECOMPOSITION[letter] ?? letter)
      // Cyrillic soft and hard signs are often left out when typing: "Вілнюс" finds "Вільнюс"
      .replace(/[ьъ]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .replace(/(\p{L})(\p{N})|(\p{N})(\p{L})/gu, (_match, letter, digit, digitFirst, letterAfter) =>
        letter ? `${letter} ${digit}` : `${digitFirst} ${letterAfter}`,
      )
      .trim()
  );
}

const foldedWord = remembered(REMEMBERED_WORDS, folded);

export function tokenize(folded: string): string[] {
  return folded.length === 0 ? [] : folded.split(' ');
}

/** The words of a message as the person wrote them (case kept), for spotting proper names. */
export function rawWords(text: string): string[] {
  return text.match(/[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu) ?? [];
}

export function clip(text: string): string {
  return text.length > MAX_UNDERSTOOD_CHARS ? text.slice(0, MAX_UNDERSTOOD_CHARS) : text;
}

/**
 * Emoji as words ("👋" → one letters-only word), so cue lists can hold them: folding would drop them as
 * symbols. Skin tones, variation selectors and joiners belong to the emoji before them.
 */
export function emojiAsWords(text: string): string {
  if (!/\p{Extended_Pictographic}/u.test(text)) return text;
  return text
    .replace(/[\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu, '')
    .replace(/\p{Extended_Pictographic}/gu, (emoji) => ` ${EMOJI_PREFIX}${lettersOf(emoji.codePointAt(0) ?? 0)} `);
}

export const EMOJI_PREFIX = 'emoji';

/** A code point in letters only (a word with digits would be split by `fold`). */
function lettersOf(codePoint: number): string {
  return [...codePoint.toString(16)].map((digit) => String.fromCharCode(103 + Number.parseInt(digit, 16))).join('');
}
