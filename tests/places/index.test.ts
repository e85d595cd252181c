import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import { loadPlaces, partnerNamesOf } from '../../src/domain/places.js';
import { fold, tokenize } from '../../src/engine/normalize.js';
import { buildPlaceIndex, lazyPlaceIndex } from '../../src/engine/places/index.js';

const { languages } = loadLocales();
const dataset = loadDataset(languages);
const data = loadPlaces({ languages, dataset });
const index = buildPlaceIndex(data);

const words = (text: string) => tokenize(fold(text));
const placeIn = (text: string) => index.match(words(text), 0);

describe('the place index', () => {
  it.each([
    ['Kirovo-Chepetsk', 'RU'],
    ['Berdsk', 'RU'],
    ['Sabiñánigo', 'ES'],
    ['sabinanigo', 'ES'],
    ['Pescasseroli', 'IT'],
    ['Wołomin', 'PL'],
    ['wolomin', 'PL'],
    ['Kirovohrad', 'UA'],
    ['Pescara', 'IT'],
    ['Dessau', 'DE'],
    ['Friedberg', 'DE'],
    ['Augsburg', 'DE'],
    ['Verona', 'IT'],
    ['Hrodna', 'BY'],
    ['Grodno', 'BY'],
    ['Prešov', 'SK'],
    ['Preszów', 'SK'],
    ['Żytomierz', 'UA'],
    ['Zhytomyr', 'UA'],
  ])('knows %s is a real place in %s', (name, country) => {
    expect(placeIn(name)).toMatchObject({ length: words(name).length, country });
  });

  it.each([
    ['Monachium', 'DE'],
    ['Monaco di Baviera', 'DE'],
    ['Munich', 'DE'],
    ['Mosca', 'RU'],
    ['Moskwa', 'RU'],
    ['w Moskwie', 'RU'],
    ['Lwów', 'UA'],
    ['we Lwowie', 'UA'],
    ['Leopoli', 'UA'],
    ['Kijów', 'UA'],
    ['Kiev', 'UA'],
    ['Mediolan', 'IT'],
    ['Mińsk', 'BY'],
    ['z Augsburga', 'DE'],
  ])('knows the exonym %s (%s)', (text, country) => {
    const tokens = words(text);
    const start = tokens.length - 1;
    expect(index.match(tokens, start)?.country).toBe(country);
  });

  it('names the place as it is written, not folded', () => {
    expect(placeIn('kirovo chepetsk')?.name).toBe('Kirovo-Chepetsk');
    expect(placeIn('sabinanigo')?.name).toBe('Sabiñánigo');
    expect(placeIn('moskwie')?.name).toBe('Moskwa');
  });

  it('never claims a name the dataset gives a partner, even where a namesake town exists', () => {
    const claimed = partnerNamesOf(dataset).filter((name) => {
      const tokens = words(name);
      return tokens.length > 0 && index.match(tokens, 0)?.length === tokens.length;
    });
    expect(claimed).toEqual([]);
    for (const name of ['Kirov', 'Dasing', 'Sabinov', 'Pescantina', 'Berdychiv', 'Wileński', 'Vawkavysk']) {
      expect(placeIn(name), name).toBeUndefined();
      expect(index.nearest(fold(name), 0), name).toBeUndefined();
    }
  });

  it('finds the longest multi-word name, wherever it starts', () => {
    expect(index.match(words('is Kirovo-Chepetsk a partner'), 1)).toMatchObject({ length: 2, country: 'RU' });
    expect(index.match(words('new york city'), 0)).toMatchObject({ length: 3, name: 'New York City' });
    expect(index.match(words('new york'), 0)).toMatchObject({ length: 2, country: 'US' });
    expect(index.match(words('Mińsk Mazowiecki'), 0)).toMatchObject({ length: 2, country: 'PL' });
    expect(index.match(words('Mińsk jest daleko'), 0)).toMatchObject({ length: 1, country: 'BY' });
    expect(index.match(words('we Frankfurcie nad Menem'), 1)).toMatchObject({ length: 3, country: 'DE' });
    expect(index.match(words('a new'), 2)).toBeUndefined();
  });

  it('finds the nearest real place within the distance asked', () => {
    expect(index.nearest('kirovochepetsk', 1)).toMatchObject({ name: 'Kirovo-Chepetsk', country: 'RU', distance: 1 });
    expect(index.nearest('pescaseroli', 1)).toMatchObject({ name: 'Pescasseroli', distance: 1 });
    expect(index.nearest('pescasseroli', 0)).toMatchObject({ distance: 0 });
    expect(index.nearest('xqzzyqx', 2)).toBeUndefined();
    expect(index.nearest('', 2)).toBeUndefined();
  });

  it('leaves out the words the engine passes as its own vocabulary, and the home city', () => {
    const withVocabulary = buildPlaceIndex({ ...data, commonWords: ['Nice', 'reading'] });
    expect(placeIn('nice')).toMatchObject({ country: 'FR' });
    expect(withVocabulary.match(['nice'], 0)).toBeUndefined();
    expect(withVocabulary.match(['reading'], 0)).toBeUndefined();
    expect(withVocabulary.match(['pescara'], 0)).toBeDefined();
    expect(placeIn('Siedlce')).toBeUndefined();
    expect(placeIn('Siedlcach')).toBeUndefined();
  });

  it('leaves everyday words and country names to the rest of the engine', () => {
    for (const word of ['city', 'twin city', 'media', 'list', 'salve', 'kim', 'dobra', 'italy', 'georgia', 'polska']) {
      expect(placeIn(word), word).toBeUndefined();
    }
    expect(index.countryForms('en').get('italy')).toBe('IT');
  });

  it('takes the name a language gives a city over a namesake elsewhere', () => {
    expect(placeIn('Roma')).toMatchObject({ country: 'IT' });
    expect(placeIn('Genova')).toMatchObject({ country: 'IT' });
    expect(placeIn('Cologne')).toMatchObject({ country: 'DE' });
    expect(placeIn('München')).toMatchObject({ country: 'DE' });
    expect(placeIn('z Warszawy')).toBeUndefined();
    expect(index.match(words('z Warszawy'), 1)).toMatchObject({ name: 'Warszawa', country: 'PL' });
  });

  it('reads nothing until a lazy index is first asked', () => {
    let loads = 0;
    const lazy = lazyPlaceIndex(() => {
      loads++;
      return data;
    });
    expect(loads).toBe(0);
    expect(lazy.match(['berdsk'], 0)?.country).toBe('RU');
    lazy.countryForms('pl');
    expect(loads).toBe(1);
  });
});
