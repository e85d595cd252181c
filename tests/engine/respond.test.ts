import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import { type Conversation, createEngine } from '../../src/engine/index.js';
import { realEngine } from '../support/engine.js';

const engine = realEngine();
const ask = (text: string, extra: { conversation?: Conversation; locale?: string; language?: string } = {}) =>
  engine.answer({ text, ...extra });

describe('dates, countries and lists come from Intl in the reply language', () => {
  it.each([
    ['Kiedy podpisano umowę z Kirowem?', 'pl', '30 czerwca 2008', 'Rosja'],
    ['Quando è stato firmato l’accordo con Kirov?', 'it', '30 giugno 2008', 'Russia'],
    ['When was the agreement with Kirov signed?', 'en', '30 June 2008', 'Russia'],
    ['Kiedy podpisano umowę z Pescantiną?', 'pl', '10 listopada 1993', 'Włochy'],
    ['When was the Pescantina agreement signed?', 'en', '10 November 1993', 'Italy'],
  ])('%s', (text, language, date, country) => {
    const reply = ask(text);
    expect(reply.language).toBe(language);
    expect(reply.intent).toBe('signing_date');
    expect(reply.text).toContain(date);
    expect(reply.text).toContain(country);
  });

  it('declines the partner name in Polish sentences', () => {
    expect(ask('Kiedy podpisano umowę z Wołkowyskiem?').text).toContain(
      'z Wołkowyskiem (Białoruś) podpisano 26 września 2000',
    );
    expect(ask('kiedy umowa z dasing').text).toContain('z gminą Dasing');
  });

  it('writes Polish plurals right', () => {
    expect(ask('Ile miast partnerskich mają Siedlce?').text).toContain('7 miast partnerskich');
    expect(ask('ile miast partnerskich jest na Ukrainie').text).toContain('1 miasto partnerskie');
    expect(ask('ile miast partnerskich podpisano w 1998').text).toContain('2 miasta partnerskie');
    expect(ask('How many partner cities does Siedlce have?').text).toContain('7 partner cities');
  });
});

describe('replies', () => {
  it('lists partners in date order with a structured list', () => {
    const reply = ask('What are the partner cities of Siedlce?');
    expect(reply.list?.items.map((item) => item.id)).toEqual([
      'pescantina',
      'vilnius-district',
      'dasing',
      'vawkavysk',
      'sabinov',
      'berdychiv',
      'kirov',
    ]);
    expect(reply.suggestions).toHaveLength(7);
  });

  it('answers for both partners when two are named', () => {
    const reply = ask('When were the agreements with Dasing and Kirov signed?');
    expect(reply.partners).toEqual(['dasing', 'kirov']);
    expect(reply.text).toContain('26 July 1998');
    expect(reply.text).toContain('30 June 2008');
    expect(reply.cards).toHaveLength(2);
  });

  it('gives the great-circle distance in km', () => {
    const reply = ask('How far is Kirov from Siedlce?');
    expect(reply.intent).toBe('distance');
    expect(reply.card?.distanceKm).toBeGreaterThan(1800);
    expect(reply.card?.distanceKm).toBeLessThan(1900);
    expect(reply.text).toMatch(/about 1,85\d km/);
  });

  it('says a place is not a partner and names the partner in its country', () => {
    const kyiv = ask('Czy Kijów jest miastem partnerskim?');
    expect(kyiv.intent).toBe('not_a_partner');
    expect(kyiv.text).toContain('Kijów nie jest miastem partnerskim Siedlec');
    expect(kyiv.text).toContain('Berdyczów');
    const paris = ask('Is Paris a partner city?');
    expect(paris.text).toContain('no partner city in that country (France)');
  });

  it('answers out-of-scope questions politely with example questions to press', () => {
    const reply = ask('Che tempo fa domani?');
    expect(reply.intent).toBe('unknown');
    expect(reply.language).toBe('it');
    expect(reply.suggestions?.length).toBeGreaterThanOrEqual(2);
    expect(reply.suggestions?.length).toBeLessThanOrEqual(3);
  });

  it('offers a card with facet buttons for one partner', () => {
    const reply = ask('Tell me about Sabinov');
    expect(reply.card).toMatchObject({ id: 'sabinov', flag: '🇸🇰', countryName: 'Slovakia', signedText: '24 May 2001' });
    expect(reply.card?.institutions.map((institution) => institution.name)).toContain(
      'Primary school no. 12, Siedlce (Szkoła Podstawowa nr 12)',
    );
    expect(reply.suggestions?.map((suggestion) => suggestion.command)).toEqual([
      { intent: 'signing_date', partners: ['sabinov'] },
      { intent: 'cooperation', partners: ['sabinov'] },
      { intent: 'institutions', partners: ['sabinov'] },
      { intent: 'distance', partners: ['sabinov'] },
      { intent: 'partner_info', partners: ['sabinov'], picture: 'map' },
    ]);
  });

  it('answers a button press (a command) without reading text', () => {
    const reply = engine.answer({
      text: '',
      command: { intent: 'signing_date', partners: ['sabinov'] },
      language: 'it',
    });
    expect(reply.intent).toBe('signing_date');
    expect(reply.text).toContain('24 maggio 2001');
  });

  it('asks which partner was meant when a name fits several, offering each as a button', () => {
    // A dataset where two partners share the beginning of a name.
    const locales = loadLocales();
    const dataset = loadDataset(locales.languages);
    const twin = structuredClone(dataset);
    twin.partners.find((partner) => partner.id === 'dasing')?.aliases.push('Sabinowka');
    const engine = createEngine({ dataset: twin, locales, defaultLanguage: 'en' });
    const reply = engine.answer({ text: 'When was Sabino signed?' });
    expect(reply.text).toContain('Sabinov');
    expect(reply.text).toContain('Dasing');
    expect(reply.partners).toEqual([]);
    expect(reply.suggestions?.map((suggestion) => suggestion.command)).toEqual([
      { intent: 'signing_date', partners: ['dasing'] },
      { intent: 'signing_date', partners: ['sabinov'] },
    ]);
  });
});

describe('language of the reply', () => {
  it('follows the question, then the conversation, then the locale hint, then the default', () => {
    expect(ask('Kirov').language).toBe('pl');
    expect(ask('Kirov', { locale: 'it-IT' }).language).toBe('it');
    expect(ask('Kirov', { locale: 'de-DE' }).language).toBe('pl');
    const first = ask('When was the agreement with Dasing signed?');
    expect(ask('Kirov?', { conversation: first.conversation, locale: 'it' }).language).toBe('en');
  });

  it('a stored choice wins over everything', () => {
    expect(ask('When was the agreement with Kirov signed?', { language: 'pl' }).text).toContain('30 czerwca 2008');
  });
});

describe('follow-ups', () => {
  it('reuse the previous question for a new partner', () => {
    const first = ask('Kiedy podpisano umowę z Dasing?');
    const second = ask('A z Kirowem?', { conversation: first.conversation });
    expect(second.intent).toBe('signing_date');
    expect(second.partners).toEqual(['kirov']);
    expect(second.text).toContain('30 czerwca 2008');
  });

  it('reuse the previous partner for a new question', () => {
    const first = ask('Tell me about Pescantina');
    const second = ask('When was it signed?', { conversation: first.conversation });
    expect(second.partners).toEqual(['pescantina']);
    expect(second.text).toContain('10 November 1993');
  });

  it('keep the subject across small talk', () => {
    const first = ask('Tell me about Pescantina');
    const thanks = ask('thanks', { conversation: first.conversation });
    const third = ask('how far is it?', { conversation: thanks.conversation });
    expect(third.partners).toEqual(['pescantina']);
  });
});

describe('pictures', () => {
  it.each([
    ['pokaż mapę', 'pl', 'map'],
    ['mostra la mappa', 'it', 'map'],
    ['show me a map', 'en', 'map'],
    ['oś czasu umów', 'pl', 'timeline'],
    ['show the timeline', 'en', 'timeline'],
  ])('%s asks for a %s', (text, language, kind) => {
    const reply = ask(text);
    expect(reply.language).toBe(language);
    expect(reply.intent).toBe('list_partners');
    expect(reply.picture).toEqual({ kind });
    expect(reply.partners).toHaveLength(7);
  });

  it('highlights the partner a map question is about', () => {
    expect(ask('show Kirov on the map').picture).toEqual({ kind: 'map', highlight: 'kirov' });
  });

  it('draws a picture for a map button on a card', () => {
    const reply = engine.answer({
      text: '',
      command: { intent: 'partner_info', partners: ['dasing'], picture: 'map' },
    });
    expect(reply.picture).toEqual({ kind: 'map', highlight: 'dasing' });
  });

  it('draws nothing when nothing was asked', () => {
    expect(ask('Tell me about Kirov').picture).toBeUndefined();
  });
});
