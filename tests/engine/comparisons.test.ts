import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/index.js';
import { understand } from '../../src/engine/understand.js';
import { converse, realEngine } from '../support/engine.js';

const engine = realEngine();
const ask = (text: string): Reply => engine.answer({ text });
const answered = (text: string) => {
  const reply = ask(text);
  return [reply.intent, reply.partners];
};

describe('comparing partners named', () => {
  it.each([
    ['which one is farther away, Dasing or Berdychiv?', ['dasing']],
    ['is Kirov older than Sabinov or the other way round?', ['sabinov']],
    ['co jest dalej, Berdyczów czy Wołkowysk?', ['berdychiv']],
    ['która umowa jest nowsza, z Dasing czy z Pescantiną?', ['dasing']],
    ['quale è più vicina, Kirov o Pescantina?', ['pescantina']],
    ["qual è l'accordo più recente, Sabinov o Berdyczow?", ['berdychiv']],
    ['which was signed first, Sabinov or Dasing?', ['dasing']],
    ['która umowa była ostatnia, z Kirowem czy z Berdyczowem?', ['kirov']],
    ['quale è stato il primo, Sabinov o Pescantina?', ['pescantina']],
    ['quale accordo è stato firmato prima, Sabinov o Dasing?', ['dasing']],
    ['która umowa jest młodsza, z Dasing czy z Wołkowyskiem?', ['vawkavysk']],
  ])('%s picks among the partners named', (text, partners) => {
    const reply = ask(text);
    expect([reply.intent, reply.partners]).toEqual(['list_partners', partners]);
  });

  it('says the distance or the date of the one it picks, and of the others compared', () => {
    const closer = ask('which one is closer, Kirov or Dasing?').text;
    expect([closer.includes('900'), closer.includes('1,857')]).toEqual([true, true]);
    const older = ask('co jest starsze, Kirów czy Berdyczów?').text;
    expect([older.includes('2005'), older.includes('2008')]).toEqual([true, true]);
    const farther = ask('è più lontana Sabinov o Berdyczow?').text;
    expect([farther.includes('509'), farther.includes('350')]).toEqual([true, true]);
  });

  it.each([
    ['is Pescantina the oldest partner?', ['pescantina']],
    ['czy Kirów to najdalszy partner?', ['kirov']],
    ['Dasing è il partner più vicino?', ['vawkavysk']],
  ])('"%s" picks among all partners', (text, partners) => {
    expect(answered(text)).toEqual(['list_partners', partners]);
  });

  it('"before" a name with no comma still bounds the signing date', () => {
    expect(answered('quali accordi sono stati firmati prima di Dasing?')).toEqual([
      'list_partners',
      ['pescantina', 'vilnius-district'],
    ]);
  });

  it('"still" is no comparison: "czy Dasing dalej jest partnerem" asks about Dasing', () => {
    expect(ask('czy Dasing dalej jest partnerem Siedlec?').intent).not.toBe('list_partners');
  });
});

describe('distance bounds', () => {
  const WITHIN_400 = ['vilnius-district', 'vawkavysk', 'sabinov'];
  const FROM_300_TO_1000 = ['vilnius-district', 'dasing', 'sabinov', 'berdychiv'];
  it.each([
    ['partners closer then 400 km', WITHIN_400],
    ['miasta w odległości mniejszej niż 400 km', WITHIN_400],
    ['città a meno di 400 km', WITHIN_400],
    ['città a manco de 400 km', WITHIN_400],
    ['partners between 300 and 1000 km away', FROM_300_TO_1000],
    ['miasta partnerskie od 300 do 1000 km', FROM_300_TO_1000],
    ['città partner tra i 300 e i 1000 km', FROM_300_TO_1000],
    ['partners at a distance of more than 1000 km', ['pescantina', 'kirov']],
  ])('%s', (text, partners) => {
    expect(answered(text)).toEqual(['list_partners', partners]);
  });

  it('reads a range as one bound with both ends', () => {
    const bounds = understand(engine.knowledge, 'between 300 and 1000 km').spans.filter(
      (span) => span.kind === 'bound',
    );
    expect(bounds).toEqual([{ kind: 'bound', min: 300, max: 1000, start: 0, end: 5 }]);
  });

  it('counts partners within a bound', () => {
    const reply = ask('ile miast leży w odległości mniejszej niż 500 km?');
    expect([reply.intent, reply.partners.length]).toEqual(['count_partners', 3]);
  });
});

describe('conditions turned around, joined with or', () => {
  it.each([
    [
      'all towns except the ones in Italy and Germany',
      ['vilnius-district', 'vawkavysk', 'sabinov', 'berdychiv', 'kirov'],
    ],
    ['wszystkie miasta oprócz tych z Litwy i Białorusi', ['pescantina', 'dasing', 'sabinov', 'berdychiv', 'kirov']],
    ['ci sono città con lo sport ma senza economia?', ['vilnius-district', 'sabinov']],
  ])('"%s" lists the partners left', (text, partners) => {
    expect(answered(text)).toEqual(['list_partners', partners]);
  });

  it('ends a run of negated countries at a verb: "poza Litwą i Niemcami są w Unii"', () => {
    expect(answered('które miasta poza Litwą i Niemcami są w Unii?')).toEqual([
      'list_partners',
      ['pescantina', 'sabinov'],
    ]);
    expect(answered('which towns besides Italy and Slovakia are in the EU?')).toEqual([
      'list_partners',
      ['vilnius-district', 'dasing'],
    ]);
  });

  it('excepts a partner named after a year: "signed before 2000 except Dasing"', () => {
    expect(answered('partners signed before 2000 except Dasing')).toEqual([
      'list_partners',
      ['pescantina', 'vilnius-district'],
    ]);
    expect(answered('umowy podpisane przed 2000 poza Pescantiną')).toEqual([
      'list_partners',
      ['vilnius-district', 'dasing'],
    ]);
  });

  it.each([
    [
      'partners signed after 2004 or with schools involved',
      ['pescantina', 'vilnius-district', 'sabinov', 'berdychiv', 'kirov'],
    ],
    ['umowy podpisane po 2004 albo ze szkołami', ['pescantina', 'vilnius-district', 'sabinov', 'berdychiv', 'kirov']],
    [
      'gemellaggi firmati dopo il 2004 oppure con scuole coinvolte',
      ['pescantina', 'vilnius-district', 'sabinov', 'berdychiv', 'kirov'],
    ],
  ])('"%s" joins two kinds of condition with or', (text, partners) => {
    expect(answered(text)).toEqual(['list_partners', partners]);
  });

  it('reads a negated school word as the institutions named, not the education area', () => {
    expect(answered('which partners outside the EU have no school named?')).toEqual([
      'list_partners',
      ['vawkavysk', 'berdychiv', 'kirov'],
    ]);
    expect(answered('partner in Ue senza scuole coinvolte')).toEqual(['list_partners', ['dasing']]);
  });
});

describe('whole lists in an order', () => {
  const NEWEST_FIRST = ['kirov', 'berdychiv', 'sabinov', 'vawkavysk', 'dasing', 'vilnius-district', 'pescantina'];
  const FARTHEST_FIRST = ['kirov', 'pescantina', 'dasing', 'berdychiv', 'vilnius-district', 'sabinov', 'vawkavysk'];
  it.each([
    ['list the partners from the newest', NEWEST_FIRST],
    ['wypisz miasta partnerskie od najnowszej umowy', NEWEST_FIRST],
    ['elenca i gemellaggi in ordine, dal più recente al più vecchio', NEWEST_FIRST],
    ['partner towns from the farthest to the nearest', FARTHEST_FIRST],
    ['miasta partnerskie od najdalszego', FARTHEST_FIRST],
    ['città partner dalla più lontana alla più vicina', FARTHEST_FIRST],
  ])('%s', (text, partners) => {
    expect(answered(text)).toEqual(['list_partners', partners]);
  });

  it('keeps a superlative with its count: "the two most distant, farthest first"', () => {
    expect(answered('the two most distant partners, farthest first')).toEqual([
      'list_partners',
      ['kirov', 'pescantina'],
    ]);
  });
});

describe('which town in a country', () => {
  it.each([
    ['with which town in Belarus does Siedlce cooperate?', ['vawkavysk']],
    ['z jakim miastem na Słowacji współpracują Siedlce?', ['sabinov']],
    ['con che città in Lituania collabora Siedlce?', ['vilnius-district']],
  ])('%s', (text, partners) => {
    expect(answered(text)).toEqual(['list_partners', partners]);
  });
});

describe('the n-th agreement, with no list shown', () => {
  it.each([
    ['która umowa partnerska była trzecia z kolei?', ['dasing']],
    ['qual è stato il secondo gemellaggio?', ['vilnius-district']],
    ['which was the fifth partnership?', ['sabinov']],
  ])('%s ranks the agreements by signing', (text, partners) => {
    expect(answered(text)).toEqual(['list_partners', partners]);
  });
});

describe('a follow-up condition in place of the same kind', () => {
  const chat = (...turns: string[]) => converse(...turns).map((reply) => [reply.intent, reply.partners]);

  it.each([
    ['which partners are in the EU and cooperate on sport?', 'and outside the EU?'],
    ['które miasta w Unii współpracują w sporcie?', 'a poza Unią?'],
    ["quali città gemellate sono nell'UE e fanno sport?", "e fuori dall'UE?"],
  ])('"%s" then "%s" keeps the area', (first, second) => {
    expect(chat(first, second).at(-1)).toEqual(['list_partners', ['berdychiv', 'kirov']]);
  });

  it.each([
    ['quali gemellaggi sono stati firmati dal 2001 in poi?', 'e quelli prima del 2000?'],
    ['which agreements were signed from 2001 on?', 'and those before 2000?'],
    ['które umowy podpisano od 2001?', 'a te przed 2000?'],
  ])('"%s" then "%s" reads "before" a year, no rank', (first, second) => {
    expect(chat(first, second).at(-1)).toEqual(['list_partners', ['pescantina', 'vilnius-district', 'dasing']]);
  });
});

describe('"signed first" is the oldest, not the first shown', () => {
  const chat = (...turns: string[]) => converse(...turns).map((reply) => [reply.intent, reply.partners]);

  it.each([
    ['partners outside the EU, farthest first', 'which of them was signed first?'],
    ['miasta poza Unią od najdalszego', 'które z nich podpisano jako pierwsze?'],
    ["città fuori dall'UE dalla più lontana", 'quale di queste è stata firmata per prima?'],
  ])('"%s" then "%s"', (first, second) => {
    const [listed, picked] = chat(first, second);
    expect(listed).toEqual(['list_partners', ['kirov', 'berdychiv', 'vawkavysk']]);
    expect(picked).toEqual(['list_partners', ['vawkavysk']]);
  });
});
