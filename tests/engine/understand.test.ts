import { describe, expect, it } from 'vitest';
import { understand } from '../../src/engine/understand.js';
import { realEngine } from '../support/engine.js';

const { knowledge } = realEngine();
const read = (text: string) => understand(knowledge, text);

describe('partners in any spelling', () => {
  it.each([
    ['z Kirowem', 'kirov'],
    ['w Berdyczowie', 'berdychiv'],
    ['do Wołkowyska', 'vawkavysk'],
    ['pod Wołkowyskiem', 'vawkavysk'],
    ['z gminą Dasing', 'dasing'],
    ['w Pescantinie', 'pescantina'],
    ['z Rejonem Wileńskim', 'vilnius-district'],
    ['w rejonie wileńskim', 'vilnius-district'],
    ['w Sabinovie', 'sabinov'],
    ['Sabinów', 'sabinov'],
    ['Berdichev', 'berdychiv'],
    ['Бердичів', 'berdychiv'],
    ['Киров', 'kirov'],
    ['Ваўкавыск', 'vawkavysk'],
    ['Volkovysk', 'vawkavysk'],
    ['Vyatka', 'kirov'],
    ['wolkowysk', 'vawkavysk'],
    ['Dasingu', 'dasing'],
  ])('%s → %s', (text, id) => {
    expect(read(text).partners).toEqual([id]);
  });

  it.each([
    ['Kirof', 'kirov'],
    ['Pescantna', 'pescantina'],
    ['Berdyczuw', 'berdychiv'],
    ['Sabinof', 'sabinov'],
    ['Dassing', 'dasing'],
  ])('tolerates the typo %s → %s', (text, id) => {
    const understanding = read(text);
    expect(understanding.partners).toEqual([id]);
    expect(understanding.fuzzy).toBe(true);
  });

  it('joins a name split in two, as phone keyboards do', () => {
    expect(read('quanti km a pes cantina').partners).toEqual(['pescantina']);
    expect(read('kiedy umowa z berdy czowem').partners).toEqual(['berdychiv']);
  });

  it('finds two partners named in one question', () => {
    expect(read('Kiedy podpisano umowy z Dasing i Pescantiną?').partners).toEqual(['dasing', 'pescantina']);
  });
});

describe('places that are not partners', () => {
  it.each(['Paris', 'Pisa', 'Kyiv', 'Kijów', 'Minsk', 'Berlin', 'Sabadell', 'Kiev', 'Wiedeń'])(
    '%s is never turned into a partner',
    (place) => {
      const understanding = read(`Is ${place} a partner city?`);
      expect(understanding.partners).toEqual([]);
      expect(understanding.places.length).toBe(1);
    },
  );

  it('does not fuzz unknown towns into partners either', () => {
    for (const town of ['Kirkenes', 'Sabadell', 'Dessau', 'Pescara', 'Berdsk', 'Vilvoorde', 'Kirovohrad']) {
      expect(read(town).partners, town).toEqual([]);
    }
  });

  it('notices a capitalised name it does not know', () => {
    expect(read('Is Vrxlandia a partner?').unknownNames).toEqual(['Vrxlandia']);
  });

  it.each([
    ['Is Zaragoza a partner?', 'ES'],
    ['Is Kirovo-Chepetsk a partner?', 'RU'],
    ['czy Berdsk to miasto partnerskie?', 'RU'],
    ['pescasseroli e gemellata?', 'IT'],
    ['a Wołomin?', 'PL'],
    ['I teach in Friedberg', 'DE'],
    ['is friedberg twinned with siedlce?', 'DE'],
  ])('%s names a real place, never a partner', (text, country) => {
    const understanding = read(text);
    expect(understanding.partners).toEqual([]);
    expect(understanding.places.map((place) => place.country)).toEqual([country]);
  });
});

describe('filters', () => {
  it('reads countries and areas in three languages', () => {
    expect(read('partnerzy z Niemiec').countries).toEqual(['DE']);
    expect(read('partner in Ucraina').countries).toEqual(['UA']);
    expect(read('partners in Lithuania').countries).toEqual(['LT']);
    expect(read('wymiana młodzieży').areas).toEqual(['youth_exchange']);
    expect(read('cooperazione nello sport').areas).toEqual(['sport']);
  });

  it('reads years and periods', () => {
    expect(read('in 1998').period).toEqual({ from: 1998, to: 1998 });
    expect(read('before 2000').period).toEqual({ to: 1999 });
    expect(read('after 2000').period).toEqual({ from: 2001 });
    expect(read('since 2001').period).toEqual({ from: 2001 });
    expect(read('between 2000 and 2006').period).toEqual({ from: 2000, to: 2006 });
    expect(read('w latach 90.').period).toEqual({ from: 1990, to: 1999 });
    expect(read('in the 1990s').period).toEqual({ from: 1990, to: 1999 });
    expect(read('prima del 2000').period).toEqual({ to: 1999 });
  });

  it('reads oldest, newest and chronological order', () => {
    expect(read('the oldest partnership').order).toBe('oldest');
    expect(read('najnowsza umowa').order).toBe('newest');
    expect(read('in ordine cronologico').order).toBe('chronological');
  });

  it('reads school numbers however they are written', () => {
    expect(read('Szkoła Podstawowa nr 12').schoolNumbers).toEqual([12]);
    expect(read('SP12').schoolNumbers).toEqual([12]);
    expect(read('school no. 3').schoolNumbers).toEqual([3]);
    expect(read('la scuola media n. 4').schoolNumbers).toEqual([4]);
    expect(read('in 12 days').schoolNumbers).toEqual([]);
  });
});

describe('language', () => {
  it.each([
    ['Kiedy podpisano umowę z Kirowem?', 'pl'],
    ['kiedy podpisano umowe', 'pl'],
    ['Quando è stato firmato l’accordo?', 'it'],
    ['quando e stato firmato', 'it'],
    ['When was it signed?', 'en'],
    ['dzięki', 'pl'],
    ['grazie', 'it'],
    ['thanks', 'en'],
    ['partner in Lituania', 'it'],
  ])('%s is %s', (text, language) => {
    expect(read(text).language).toBe(language);
  });

  it('cannot tell the language of a bare name or an emoji', () => {
    expect(read('Kirov').language).toBeUndefined();
    expect(read('Pescantina').language).toBeUndefined();
    expect(read('🙂').language).toBeUndefined();
  });
});

describe('stretched words', () => {
  it('read "ciaooo", "hiii" and "dziękiii" as the words they stretch', () => {
    expect(read('ciaooo').cues.get('greeting')).toBe(1);
    expect(read('ciaooo').language).toBe('it');
    expect(read('hiii').cues.get('greeting')).toBe(1);
    expect(read('dziękiii').cues.get('thanks')).toBe(1);
  });
});

describe('follow-ups', () => {
  it.each(['A z Kirowem?', 'E con Pescantina?', 'And Kirov?', 'What about Dasing?'])(
    '%s continues a conversation',
    (text) => {
      expect(read(text).followUp).toBe(true);
    },
  );

  it('a question that starts with "a" is not a follow-up by that alone', () => {
    expect(read('a').followUp).toBe(false);
  });
});
