import { describe, expect, it } from 'vitest';
import { Formats } from '../../src/engine/format.js';

describe('the formats of a language', () => {
  it('refuse a malformed locale tag when they are made (at start-up), not at the first answer', () => {
    expect(() => new Formats('pl', 'pl_PL')).toThrow(RangeError);
    expect(() => new Formats('p l', 'pl-PL')).toThrow(RangeError);
  });

  it('format dates, countries, lists and kilometres as Intl does in that language', () => {
    const polish = new Formats('pl', 'pl-PL');
    expect(polish.formatDate('2008-06-30')).toBe('30 czerwca 2008');
    expect(polish.country('DE')).toBe('Niemcy');
    expect(polish.list(['Kirow', 'Dasing', 'Sabinov'])).toBe('Kirow, Dasing i Sabinov');
    expect(polish.either(['Kirow', 'Dasing'])).toBe('Kirow lub Dasing');
    expect(polish.km(1509.6)).toBe(new Intl.NumberFormat('pl').format(1510));
    expect(new Formats('en', 'en-GB').formatDate('2008-06-30')).toBe('30 June 2008');
  });
});
