const KB100 = 100 * 1024;

const fill = (unit: string) => unit.repeat(Math.ceil(KB100 / unit.length)).slice(0, KB100);

/** 100 KB of each shape known to be slow for an engine that reads all of it. */
export const SLOW_SHAPES: Record<string, string> = {
  'one long word': fill('a'),
  'a partner name, again and again': fill('Kirowem '),
  'every partner, in turn': fill('Dasing Pescantina Wilno Wołkowysk Sabinov Berdyczów Kirow '),
  'names with typos': fill('Kirof Dasingu Sabinow Berdyczuw '),
  'function words': fill('a z i w na do '),
  'cue words': fill('kiedy podpisano umowę współpraca szkoły '),
  diacritics: fill('ąęółżźćńś '),
  'other alphabets': fill('Киров Вільнюс Седльце '),
  'emoji and flags': fill('🇵🇱🇷🇺😀 '),
  'markup and mentions': fill('<b>**@everyone**</b> `x` '),
  'digits and dates': fill('1998-07-26 12 2008 '),
  punctuation: fill('?!.,;:()[]{} '),
};
