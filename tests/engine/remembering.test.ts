import { describe, expect, it } from 'vitest';
import { loadLocales } from '../../src/domain/locales.js';
import { createTranslator } from '../../src/engine/i18n.js';
import { detectLanguage } from '../../src/engine/language.js';

// The engine remembers sentences and tinyld's verdicts for speed; remembering must never change one.
describe('remembered translations', () => {
  const translate = createTranslator(loadLocales(), 'en');

  it('tells calls apart by language, key and every value', () => {
    const en = translate('en');
    expect(en('count.partners', { count: 1 })).toBe('Siedlce has 1 partner city');
    expect(en('count.partners', { count: 5 })).toBe('Siedlce has 5 partner cities');
    expect(en('count.partners', { count: 1 })).toBe('Siedlce has 1 partner city');
    expect(translate('pl')('count.partners', { count: 5 })).toBe('Siedlce mają 5 miast partnerskich');
    expect(en('count.filtered', { count: 2, filter: 'a' })).not.toBe(en('count.filtered', { count: 2, filter: 'b' }));
  });

  it('hands out a fresh object each time, never a shared one', () => {
    const en = translate('en');
    const first = en('examples', { returnObjects: true }) as unknown as unknown[];
    first.length = 0;
    expect(en('examples', { returnObjects: true })).toHaveLength(3);
  });
});

describe('language detection without the detector', () => {
  const languages = ['pl', 'it', 'en'] as const;

  it('gives the words the last say only when the detector could not outvote them', () => {
    // five English words against none: the detector (at most 1) cannot change that
    expect(detectLanguage('gdzie jest', new Map([['en', 5]]), languages)).toBe('en');
    // a lead of 0.5 is within the detector's reach: it is asked, and it reads Polish
    expect(
      detectLanguage(
        'gdzie jest najbliższe miasto partnerskie',
        new Map([
          ['en', 0.7],
          ['pl', 0.2],
        ]),
        languages,
      ),
    ).not.toBe('en');
  });
});
