import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DataFileError, loadDataset, parseDataset } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import { createEngine } from '../../src/engine/index.js';

const locales = loadLocales();
const dataset = loadDataset(locales.languages);
const raw = () => JSON.parse(readFileSync(new URL('../../data/partners.json', import.meta.url), 'utf8'));
const source = readFileSync(new URL('../../data/sources/partnerships-it.txt', import.meta.url), 'utf8');

const ITALIAN_MONTHS = [
  'gennaio',
  'febbraio',
  'marzo',
  'aprile',
  'maggio',
  'giugno',
  'luglio',
  'agosto',
  'settembre',
  'ottobre',
  'novembre',
  'dicembre',
];

describe('the partners dataset', () => {
  it('has the seven partners under the ids other parts rely on', () => {
    expect(dataset.partners.map((partner) => partner.id).sort()).toEqual([
      'berdychiv',
      'dasing',
      'kirov',
      'pescantina',
      'sabinov',
      'vawkavysk',
      'vilnius-district',
    ]);
  });

  it('has every signing date the city page gives, in the order it gives them', () => {
    const dates = [...source.matchAll(/data della firma dell'accordo\s*:\s*(\d{1,2}) (\p{L}+) (\d{4})/gu)].map(
      ([, day, month, year]) =>
        `${year}-${String(ITALIAN_MONTHS.indexOf(month ?? '') + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    );
    expect(dates).toHaveLength(7);
    expect(dataset.partners.map((partner) => partner.signed)).toEqual(dates);
  });

  it('keeps the Italian texts word for word from the city page', () => {
    for (const partner of dataset.partners) {
      expect(source.replace(/\s+/g, ' ')).toContain(partner.purpose.it?.replace(/\.$/, ''));
    }
  });

  it('lists the countries of the overview as the page does', () => {
    expect(dataset.overview.euCountries).toEqual(['DK', 'FR', 'DE', 'SE', 'GB', 'IT']);
    expect(dataset.overview.centralEasternCountries).toEqual(['BY', 'LT', 'RU', 'SK', 'UA']);
  });
});

describe('a broken data file', () => {
  const brokenWith = (edit: (data: ReturnType<typeof raw>) => void) => {
    const data = raw();
    edit(data);
    try {
      parseDataset(data, locales.languages, 'data/partners.json');
    } catch (error) {
      expect(error).toBeInstanceOf(DataFileError);
      return (error as Error).message;
    }
    throw new Error('the broken file was accepted');
  };

  it('is rejected with one line naming the field and the problem', () => {
    const message = brokenWith((data) => {
      data.partners[6].signed = '30/06/2008';
    });
    expect(message).toContain('partners.6.signed');
    expect(message).toContain('ISO date');
    expect(message.split('\n')).toHaveLength(1);
  });

  it('names a missing translation', () => {
    expect(brokenWith((data) => delete data.partners[0].purpose.it)).toContain('partners.0.purpose.it');
  });

  it('names an unknown area of cooperation', () => {
    expect(brokenWith((data) => data.partners[1].areas.push('gastronomy'))).toContain('unknown area "gastronomy"');
  });

  it('names a duplicate partner id', () => {
    expect(
      brokenWith((data) => {
        data.partners[1].id = 'dasing';
      }),
    ).toContain('duplicate partner id "dasing"');
  });

  it('reports a file that is not JSON', () => {
    expect(() => loadDataset(locales.languages, new URL('./dataset.test.ts', import.meta.url).pathname)).toThrow(
      /is not valid JSON/,
    );
  });
});

describe('case forms', () => {
  it('are required for every partner in a language whose sentences decline names', () => {
    const data = raw();
    delete data.partners[2].forms.pl;
    const broken = parseDataset(data, locales.languages, 'data/partners.json');
    expect(() => createEngine({ dataset: broken, locales, defaultLanguage: 'pl' })).toThrow(
      'partner "vilnius-district" has no forms.pl (gen, ins, loc) — locales/pl declines names',
    );
  });
});
