import { describe, expect, it } from 'vitest';
import { realEngine } from '../support/engine.js';

const engine = realEngine();
const ids = (query: string, language = 'en') => engine.searchPartners(query, language).map((choice) => choice.id);

describe('partner search for autocomplete menus', () => {
  it('finds a partner from the first letters of any of its names, in any script', () => {
    expect(ids('berd')).toEqual(['berdychiv']);
    expect(ids('kirow')).toEqual(['kirov']);
    expect(ids('вілн')).toEqual(['vilnius-district']);
    expect(ids('wołk')).toEqual(['vawkavysk']);
    expect(ids('Бердич')).toEqual(['berdychiv']);
  });

  it('lists every partner in date order for an empty query', () => {
    expect(ids('')).toEqual(['pescantina', 'vilnius-district', 'dasing', 'vawkavysk', 'sabinov', 'berdychiv', 'kirov']);
  });

  it('labels choices in the user language with flag and country', () => {
    expect(engine.searchPartners('berd', 'pl')).toEqual([{ id: 'berdychiv', label: '🇺🇦 Berdyczów (Ukraina)' }]);
    expect(engine.searchPartners('berd', 'it')).toEqual([{ id: 'berdychiv', label: '🇺🇦 Berdyczow (Ucraina)' }]);
  });

  it('falls back to typo tolerance, and finds nothing for a place that is not a partner', () => {
    expect(ids('Pescantna')).toEqual(['pescantina']);
    expect(ids('Paris')).toEqual([]);
  });
});
