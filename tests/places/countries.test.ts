import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import { loadPlaces } from '../../src/domain/places.js';
import { fold } from '../../src/engine/normalize.js';
import { buildPlaceIndex } from '../../src/engine/places/index.js';

const { languages } = loadLocales();
const dataset = loadDataset(languages);
const data = loadPlaces({ languages, dataset });
const index = buildPlaceIndex(data);

const gazetteerCountries = new Set(
  data.gazetteer
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t')[1]),
);

describe('country names', () => {
  it('cover every country of the gazetteer, and the partners’ countries, in every language', () => {
    expect(gazetteerCountries.size).toBeGreaterThan(200);
    for (const language of languages) {
      const locale = data.locales.get(language);
      const missing = [...gazetteerCountries, ...dataset.partners.map((partner) => partner.country)].filter(
        (country) => country !== undefined && locale?.countries[country] === undefined,
      );
      expect(missing, language).toEqual([]);
    }
  });

  it('give every Polish name all six cases', () => {
    const polish = data.locales.get('pl');
    expect(polish?.cases).toEqual(['nom', 'gen', 'dat', 'acc', 'ins', 'loc']);
    for (const [country, entry] of Object.entries(polish?.countries ?? {})) {
      for (const name of entry.names)
        expect(Object.keys(name).sort(), country).toEqual([...(polish?.cases ?? [])].sort());
    }
  });

  it.each([
    ['pl', 'w Niemczech', 'DE'],
    ['pl', 'z Niemiec', 'DE'],
    ['pl', 'Niemcom', 'DE'],
    ['pl', 'we Włoszech', 'IT'],
    ['pl', 'na Ukrainie', 'UA'],
    ['pl', 'z Ukrainą', 'UA'],
    ['pl', 'na Białorusi', 'BY'],
    ['pl', 'na Słowacji', 'SK'],
    ['pl', 'na Litwie', 'LT'],
    ['pl', 'z Rosją', 'RU'],
    ['pl', 'na Węgrzech', 'HU'],
    ['pl', 'w Stanach Zjednoczonych', 'US'],
    ['pl', 'w Egipcie', 'EG'],
    ['pl', 'w Kuwejcie', 'KW'],
    ['pl', 'na Malcie', 'MT'],
    ['pl', 'w Kostaryce', 'CR'],
    ['pl', 'z Izraela', 'IL'],
    ['pl', 'z Luksemburga', 'LU'],
    ['pl', 'w Nigrze', 'NE'],
    ['pl', 'w Polsce', 'PL'],
    ['pl', 'w Nowej Zelandii', 'NZ'],
    ['pl', 'w Meksyku', 'MX'],
    ['pl', 'w Japonii', 'JP'],
    ['pl', 'ukraińskie', 'UA'],
    ['pl', 'niemieccy', 'DE'],
    ['pl', 'słowackim', 'SK'],
    ['it', "dall'Ucraina", 'UA'],
    ['it', 'in Germania', 'DE'],
    ['it', 'dalla Russia', 'RU'],
    ['it', 'negli Stati Uniti', 'US'],
    ['it', 'tedesche', 'DE'],
    ['it', 'austriaci', 'AT'],
    ['it', 'britannici', 'GB'],
    ['it', 'Costa d’Avorio', 'CI'],
    ['en', 'Ukraine', 'UA'],
    ['en', 'Ukrainian', 'UA'],
    ['en', 'Belarus', 'BY'],
    ['en', 'Czech Republic', 'CZ'],
    ['en', 'Turkey', 'TR'],
    ['en', 'Ivory Coast', 'CI'],
  ])('%s: "%s" names %s', (language, text, country) => {
    const forms = index.countryForms(language);
    const tokens = fold(text).split(' ');
    const found = [tokens.slice(1).join(' '), tokens.join(' ')].map((form) => forms.get(form)).find(Boolean);
    expect(found).toBe(country);
  });

  it('never give one form to two countries in the same language', () => {
    for (const language of languages) {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const [country, entry] of Object.entries(data.locales.get(language)?.countries ?? {})) {
        const forms = new Set(
          [...entry.names.flatMap((name) => Object.values(name)), ...entry.adjectives, ...entry.other].map(fold),
        );
        for (const form of forms) {
          const known = owner.get(form);
          if (known !== undefined && known !== country) clashes.push(`${form}: ${known} ${country}`);
          owner.set(form, country);
        }
      }
      expect(clashes, language).toEqual([]);
    }
  });

  it('map every exonym to a country the language names', () => {
    for (const language of languages) {
      const locale = data.locales.get(language);
      const unknown = (locale?.places ?? []).filter((place) => locale?.countries[place.country] === undefined);
      expect(unknown, language).toEqual([]);
    }
  });

  it('keep an exonym to one country across languages', () => {
    const countryOf = new Map<string, string>();
    const clashes: string[] = [];
    for (const locale of data.locales.values()) {
      for (const place of locale.places) {
        for (const form of [place.name, ...place.forms].map(fold)) {
          const known = countryOf.get(form);
          if (known !== undefined && known !== place.country) clashes.push(`${form}: ${known} ${place.country}`);
          countryOf.set(form, place.country);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('keep each Polish name as a readable table of cases', () => {
    const polish = readFileSync(new URL('../../locales/pl/places.json', import.meta.url), 'utf8');
    expect(JSON.parse(polish).countries.DE.names[0]).toEqual({
      nom: 'Niemcy',
      gen: 'Niemiec',
      dat: 'Niemcom',
      acc: 'Niemcy',
      ins: 'Niemcami',
      loc: 'Niemczech',
    });
  });
});
