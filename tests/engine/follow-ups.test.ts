import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/index.js';
import { understand } from '../../src/engine/understand.js';
import { converse, realEngine } from '../support/engine.js';

const engine = realEngine();

/** The last reply of a conversation asked turn by turn. */
const last = (...turns: string[]) => converse(...turns).at(-1) as Reply;

const NEWEST_FIRST = ['kirov', 'berdychiv', 'sabinov', 'vawkavysk', 'dasing', 'vilnius-district', 'pescantina'];
const ALL = ['pescantina', 'vilnius-district', 'dasing', 'vawkavysk', 'sabinov', 'berdychiv', 'kirov'];

describe('sorts the other way: a list, newest or farthest first, that ordinals pick from', () => {
  it.each([
    ['wypisz partnerów od najnowszego', 'a druga?'],
    ['list the partners, newest first', 'and the second?'],
    ['elenca le città partner dalla più recente', 'e la seconda?'],
  ])('%s → %s', (list, second) => {
    const shown = last(list);
    expect([shown.intent, shown.partners]).toEqual(['list_partners', NEWEST_FIRST]);
    expect(last(list, second).partners).toEqual(['berdychiv']);
  });

  it.each(['partnerzy od najdalszego', 'partners from the farthest', 'le città partner dalla più lontana'])(
    '%s',
    (text) => {
      expect(last(text).partners).toEqual([
        'kirov',
        'pescantina',
        'dasing',
        'berdychiv',
        'vilnius-district',
        'sabinov',
        'vawkavysk',
      ]);
    },
  );

  it.each([
    ['wypisz partnerów od najnowszego', 'ta pierwsza to z jakiego kraju'],
    ['list the partners, newest first', 'the first one is in which country?'],
    ['elenca le città partner dalla più recente', 'la prima in che paese è?'],
  ])('a rank asked its country is the card of the one picked: %s → %s', (list, asked) => {
    const reply = last(list, asked);
    expect([reply.intent, reply.partners]).toEqual(['partner_info', ['kirov']]);
  });
});

describe('a follow-up condition replaces the part of its kind', () => {
  it.each([
    ['które miasta partnerskie są w UE i współpracują w sporcie?', 'a poza UE?'],
    ['which partner towns are in the EU and cooperate in sport?', 'and outside the EU?'],
    ["quali città gemellate sono nell'UE e collaborano nello sport?", "e fuori dall'UE?"],
  ])('%s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual(['list_partners', ['berdychiv', 'kirov']]);
  });

  it.each([
    ['które umowy podpisano od 2001?', 'a te przed 2000?'],
    ['which agreements were signed from 2001 on?', 'and the ones before 2000?'],
    ['quali gemellaggi sono stati firmati dal 2001 in poi?', 'e quelli prima del 2000?'],
  ])('"before 2000" is a period, no rank: %s → %s', (first, then) => {
    expect(last(first, then).partners).toEqual(['pescantina', 'vilnius-district', 'dasing']);
  });
});

describe('a question about the card asks of the partner in focus', () => {
  it.each([
    ['od kiedy współpracujemy z Kirowem?', 'kiedyś nazywał się inaczej, prawda?'],
    ['since when are we partners with Kirov?', 'it used to be called differently, right?'],
    ['da quando siamo gemellati con Kirov?', 'mi pare che una volta si chiamasse in un altro modo, giusto?'],
  ])('%s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual(['partner_info', ['kirov']]);
  });

  it.each([
    ['jak daleko jest Dasing?', 'a gdzie dokładnie leży?'],
    ['how far is Dasing?', 'and where exactly is it?'],
    ['quanto dista Dasing?', 'dove si trova di preciso?'],
  ])('%s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual(['partner_info', ['dasing']]);
  });
});

describe('a tag question about where the partner in focus lies asks its card', () => {
  it.each([
    ['jak daleko jest Dasing?', 'i to jest w Bawarii, prawda?'],
    ['how far is Dasing?', 'and it is in Bavaria, right?'],
    ['quanto dista Dasing?', 'ed è in baviera giusto?'],
  ])('%s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual(['partner_info', ['dasing']]);
  });
});

describe('the facet asked before, of the partner a follow-up points at by its country', () => {
  it.each([
    ['kiedy podpisano umowę z Dasing?', 'a co z tym rosyjskim?'],
    ['when was the agreement with Dasing signed?', 'what about the russian one?'],
    ["quando è stato firmato l'accordo con Dasing?", 'e che mi dici di quella russa?'],
  ])('%s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual(['signing_date', ['kirov']]);
  });
});

describe('others besides the town the asker is from', () => {
  it.each([
    'czy są inne słowackie miasta partnerskie, czy tylko my?',
    'are there other slovak towns partnered with Siedlce or only us?',
    'ci sono altre città slovacche gemellate o solo noi?',
  ])('%s', (asked) => {
    const reply = last("I'm from Sabinov. when was our agreement signed?", asked);
    expect([reply.intent, reply.partners]).toEqual(['list_partners', ['sabinov']]);
  });
});

describe('"how many schools" counts the institutions of the partner there', () => {
  it.each([
    'a ta słowacka ile ma szkół?',
    'the slovak one has how many schools?',
    'e quella slovacca quante scuole ha?',
  ])('%s', (asked) => {
    const reply = last('jakie są miasta partnerskie?', asked);
    expect([reply.intent, reply.partners]).toEqual(['institutions', ['sabinov']]);
  });
});

describe('"school no 12": the number sign is no negation', () => {
  it.each(['czy szkoła no 12 jest jedną z nich?', 'is school no 12 one of them?', 'la scuola no 12 è una di queste?'])(
    '%s',
    (asked) => {
      const spans = understand(engine.knowledge, asked).spans;
      expect(spans.some((span) => span.kind === 'school')).toBe(true);
      expect(spans.some((span) => span.kind === 'negation')).toBe(false);
    },
  );
});

describe('counts and lists after a list', () => {
  it.each([
    ['z kim współpracujemy w sporcie?', 'ile ich jest łącznie?'],
    ['which partners cooperate in sport?', 'how many are there in total?'],
    ['con quali città si collabora nello sport?', 'quante sono in tutto?'],
  ])('"in total" counts every partner: %s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual(['count_partners', ALL]);
  });

  it.each([
    ['ile miast partnerskich jest w UE?', 'podaj ich nazwy'],
    ['how many partner towns are in the EU?', 'name them'],
    ["quante città gemellate sono nell'UE?", 'nominale'],
  ])('%s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual([
      'list_partners',
      ['pescantina', 'vilnius-district', 'dasing', 'sabinov'],
    ]);
  });
});

describe('ranks and time around the one picked', () => {
  it.each([
    ['które partnerstwo jest najstarsze?', 'a drugie?'],
    ['which twinning is the oldest?', 'and the second?'],
    ['qual è il gemellaggio più antico', 'e il secondo?'],
  ])('the next rank of the same ranking: %s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual(['list_partners', ['vilnius-district']]);
  });

  it.each([
    ['partnerzy poza UE?', 'które z nich podpisano najwcześniej?'],
    ['partner towns outside the EU?', 'which of them was signed first?'],
    ["città gemellate fuori dall'UE?", 'quale di queste è stata firmata per prima?'],
  ])('"signed first" asks which one: %s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual(['list_partners', ['vawkavysk']]);
  });

  it.each([
    ['od kiedy współpracujemy z Dasing?', 'a kto jeszcze podpisał w tym samym roku?'],
    ['since when are we partners with Dasing?', 'and who else signed in the same year?'],
    ['da quando siamo gemellati con Dasing?', 'e chi altro ha firmato nello stesso anno?'],
  ])('the same year as the partner in focus: %s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual(['list_partners', ['vilnius-district']]);
  });

  it.each([
    ['jak daleko jest Berdyczów?', 'a która umowa była podpisana tuż przed nią?'],
    ['how far is Berdychiv?', 'and which twinning was signed right before that one?'],
    ['quanto dista Berdychiv?', 'e quale gemellaggio è stato firmato subito prima di quello?'],
  ])('right before the partner in focus: %s → %s', (first, then) => {
    const reply = last(first, then);
    expect([reply.intent, reply.partners]).toEqual(['list_partners', ['sabinov']]);
  });
});
