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

/**
 * Folds text for matching: lower case, no diacritics (in any script), one space between words,
 * punctuation and symbols dropped. "Wołkowyskiem!" and "wolkowyskiem" fold to the same key.
 */
export function fold(text: string): string {
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
