import { describe, expect, it } from 'vitest';
import { clip, fold, MAX_UNDERSTOOD_CHARS, tokenize } from '../../src/engine/normalize.js';

describe('fold', () => {
  it('drops case, diacritics and punctuation, in Latin and Cyrillic', () => {
    expect(fold('Wołkowyskiem!')).toBe('wolkowyskiem');
    expect(fold('Kiedy podpisano umowę z Kirowem?')).toBe('kiedy podpisano umowe z kirowem');
    expect(fold('ŻÓŁĆ Łódź')).toBe('zolc lodz');
    expect(fold('Бердичів')).toBe('бердичів');
    expect(fold('Вільнюс')).toBe('вілнюс');
  });

  it('splits Italian elisions and numbers glued to words', () => {
    expect(fold("dell'accordo")).toBe('dell accordo');
    expect(fold('SP12')).toBe('sp 12');
    expect(fold('nr.4')).toBe('nr 4');
  });

  it('folds emoji and symbols away', () => {
    expect(fold('🇩🇪 hi 😀 <b>&</b>')).toBe('hi b b');
    expect(tokenize(fold('  '))).toEqual([]);
  });

  it('clips long input to what understanding reads', () => {
    expect(clip('x'.repeat(100_000))).toHaveLength(MAX_UNDERSTOOD_CHARS);
  });
});
