import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/engine/index.js';
import { converse } from '../support/engine.js';

const chat = converse;

const last = (...turns: string[]) => chat(...turns).at(-1) as Reply;
const answerOf = (reply: Reply) => [reply.intent, reply.partners];

describe('after a comparison, "both", "each" and "the other" are the partners compared', () => {
  it.each([
    ['which is farther, Dasing or Sabinov?', 'and how far are both of them?', ['dasing', 'sabinov']],
    ['która jest dalej, Dasing czy Sabinov?', 'a jak daleko są obie?', ['dasing', 'sabinov']],
    ['quale è più lontana, Sabinov o Dasing?', 'e quanto distano tutte e due?', ['dasing', 'sabinov']],
    ['quale è più vicina, Kirov o Berdychiv?', 'e quanto distano entrambe?', ['berdychiv', 'kirov']],
  ])('%s → %s', (compare, both, partners) => {
    const reply = last(compare, both);
    expect(reply.intent).toBe('distance');
    expect([...reply.partners].sort()).toEqual(partners);
  });

  it.each([
    ['which is older, Kirov or Berdychiv?', 'and how far is each of them?'],
    ['która umowa jest starsza, z Kirowem czy z Berdyczowem?', 'a jak daleko jest każde z nich?'],
    ['quale è più vecchia, Kirov o Berdychiv?', 'e quanto dista ciascuna di esse?'],
  ])('"each" after "%s"', (compare, each) => {
    const reply = last(compare, each);
    expect(reply.intent).toBe('distance');
    expect([...reply.partners].sort()).toEqual(['berdychiv', 'kirov']);
  });

  it.each([
    ['which is nearer, Kirov or Berdychiv?', 'and the other one, what does its agreement cover?'],
    ['która jest bliżej, Kirow czy Berdyczów?', 'a ta druga, co obejmuje umowa?'],
    ['quale è più vicina, Kirov o Berdychiv?', "e l'altra, cosa prevede l'accordo?"],
  ])('"the other" after "%s" is the one not picked', (compare, other) => {
    expect(answerOf(last(compare, other))).toEqual(['cooperation', ['kirov']]);
  });

  it.each([
    ['which is older, Dasing or Sabinov?', 'and which one has schools from Siedlce taking part?'],
    ['która umowa jest starsza, z Dasing czy z Sabinovem?', 'a która z nich ma szkoły z Siedlec?'],
    ['quale è più vecchia, Dasing o Sabinov?', 'e quale delle due coinvolge scuole di Siedlce?'],
  ])('"which one has schools" after "%s" is which of the two', (compare, which) => {
    expect(answerOf(last(compare, which))).toEqual(['institutions', ['sabinov']]);
  });
});

describe('one partner named and "the two" compare it with the partner in focus', () => {
  it.each([
    ['when was the Kirov agreement signed?', 'and Berdychiv? which of the two came first?', 'berdychiv'],
    ['kiedy podpisano umowę z Kirowem?', 'a z Berdyczowem? która z tych dwóch była pierwsza?', 'berdychiv'],
    ['quando è stato firmato con Kirov?', 'e con Sabinov? quale delle due è più vicina?', 'sabinov'],
  ])('%s → %s', (first, second, picked) => {
    expect(answerOf(last(first, second))).toEqual(['list_partners', [picked]]);
  });
});

describe('the breadth of an agreement orders: more or fewer areas of cooperation', () => {
  it.each([
    ['which agreement covers more areas, Dasing or Kirov?', 'kirov'],
    ['która umowa ma szerszy zakres, z Dasing czy z Kirowem?', 'kirov'],
    ['quale accordo è più ampio, Dasing o Kirov?', 'kirov'],
    ['which of Pescantina and Berdychiv has the narrower agreement?', 'pescantina'],
    ['która umowa ma węższy zakres, z Pescantiną czy z Berdyczowem?', 'pescantina'],
    ['quale copre meno ambiti, Pescantina o Berdychiv?', 'pescantina'],
  ])('%s', (text, picked) => {
    expect(answerOf(last(text))).toEqual(['list_partners', [picked]]);
  });

  it('says when the two compared cover as many areas', () => {
    const reply = last('which agreement is broader, Vilnius District or Sabinov?');
    expect([...reply.partners].sort()).toEqual(['sabinov', 'vilnius-district']);
    expect(reply.text).toContain('4');
  });

  it('compares the two talked about one by one', () => {
    const reply = last(
      'Czy umowa z Sabinovem obejmuje sport?',
      'A z Wołkowyskiem?',
      'która z tych dwóch ma szerszy zakres?',
    );
    expect(answerOf(reply)).toEqual(['list_partners', ['sabinov']]);
  });
});

describe('orders from one end to the other sort the whole list', () => {
  const BY_DISTANCE = ['vawkavysk', 'sabinov', 'vilnius-district', 'berdychiv', 'dasing', 'pescantina', 'kirov'];
  it.each([
    'elencamele dalla più vicina alla più lontana',
    'list them from nearest to furthest',
    'wymień je od najbliższego do najdalszego',
  ])('%s', (text) => {
    const reply = last('how many partner cities are there?', text);
    expect(answerOf(reply)).toEqual(['list_partners', BY_DISTANCE]);
  });

  it('a rank after such a list is of that order', () => {
    const reply = last(
      'quante sono le città partner?',
      'ordinamele dalla più vicina alla più lontana',
      'la terza quanto dista?',
    );
    expect(answerOf(reply)).toEqual(['distance', ['vilnius-district']]);
  });

  it.each([
    ['qual xe el gemelagio pì vecio?', 'pescantina'],
    ['e quel pì lontan?', 'kirov'],
  ])('dialect superlatives: %s', (text, picked) => {
    expect(answerOf(last(text))).toEqual(['list_partners', [picked]]);
  });
});

describe('"the same year" with a rank asks of the partner at that rank', () => {
  it.each([
    ['list the partners by date', 'the third one please', 'and the second one? the same year?'],
    ['wypisz partnerów chronologicznie', 'a trzecia?', 'a druga pozycja? czy to ten sam rok?'],
    ['elenca i partner in ordine cronologico', 'la terza?', 'e la seconda? è lo stesso anno?'],
  ])('%s…', (...turns) => {
    const reply = last(...turns);
    expect(reply.partners).toEqual(['vilnius-district']);
    expect(reply.text).toContain('1998');
  });
});

describe('one partner compared with another ("farther than", "prima di") answers both', () => {
  it.each([
    ['is Kirov farther than Berdychiv?', 'distance', ['kirov', 'berdychiv']],
    ['czy Kirow jest dalej niż Berdyczów?', 'distance', ['kirov', 'berdychiv']],
    ['Kirov è più lontana di Berdychiv?', 'distance', ['kirov', 'berdychiv']],
    ['was Dasing signed before Sabinov?', 'signing_date', ['dasing', 'sabinov']],
    ['czy umowę z Dasing podpisano przed Sabinovem?', 'signing_date', ['dasing', 'sabinov']],
    ["l'accordo con Dasing è stato firmato prima di Sabinov?", 'signing_date', ['dasing', 'sabinov']],
  ])('%s', (text, intent, partners) => {
    expect(answerOf(last(text))).toEqual([intent, partners]);
  });

  it.each([
    ['where is Sabinov?', 'and is it closer than Vawkavysk?'],
    ['gdzie leży Sabinov?', 'a czy jest bliżej niż Wołkowysk?'],
    ['dove si trova Sabinov?', 'ed è più vicina di Wolkowysk?'],
  ])('of the partner in focus: %s → %s', (first, second) => {
    expect(answerOf(last(first, second))).toEqual(['distance', ['sabinov', 'vawkavysk']]);
  });

  it('a list bounded by a partner says its distance in whole km', () => {
    const reply = last('are there partners farther than Berdychiv?');
    expect(reply.partners).toEqual(['pescantina', 'dasing', 'kirov']);
    expect(reply.text).toContain('509 km');
    expect(reply.text).not.toMatch(/509\.\d/);
  });
});

describe('a comparison split by a colon or a story keeps its names and its superlative', () => {
  it.each([
    ['Która umowa jest nowsza: z Dasing czy z Sabinovem?', 'sabinov'],
    ['which one is closer to Siedlce: Kirov or Berdychiv?', 'berdychiv'],
    ['quale accordo è più recente: Dasing o Sabinov?', 'sabinov'],
    ['Kirov or Berdychiv: which is farther?', 'kirov'],
    ['Kirow czy Berdyczów: który jest dalej?', 'kirov'],
    ['Kirov o Berdychiv: quale è più vicina?', 'berdychiv'],
  ])('%s', (text, picked) => {
    expect(answerOf(last(text))).toEqual(['list_partners', [picked]]);
  });

  it.each([
    ["I've been to Kirov and to Berdychiv. Which one is nearer?", 'berdychiv'],
    ['Byłem w Dasing i w Sabinovie. Które z nich jest bliżej?', 'sabinov'],
    ['Sono stato a Kirov e a Berdychiv. Quale delle due è più vicina?', 'berdychiv'],
  ])('among the partners the story named: %s', (text, picked) => {
    expect(answerOf(last(text))).toEqual(['list_partners', [picked]]);
  });

  it('"which partner is the oldest" after a story still ranks all partners', () => {
    const reply = last('I visited Dasing and Sabinov last year. Which partner is the oldest?');
    expect(answerOf(reply)).toEqual(['list_partners', ['pescantina']]);
  });
});

describe('the difference between two partnerships is what each covers', () => {
  it.each([
    'How do the partnerships with Dasing and Sabinov differ?',
    'Jaka jest różnica między umową z Dasing a umową z Sabinovem?',
    'In cosa differiscono gli accordi con Dasing e con Sabinov?',
  ])('%s', (text) => {
    expect(answerOf(last(text))).toEqual(['cooperation', ['dasing', 'sabinov']]);
  });
});

describe('"other towns there, or only us of X?": X is the asker, the others are asked of', () => {
  it.each([
    ['are there other partners in Slovakia or just us in Sabinov?', 'sabinov'],
    ['czy są inne miasta partnerskie na Słowacji, czy tylko my z Sabinova?', 'sabinov'],
    ['ci sono altri gemellaggi in Italia o siamo solo noi di Pescantina?', 'pescantina'],
  ])('%s', (text, only) => {
    expect(answerOf(last(text))).toEqual(['list_partners', [only]]);
  });

  it('the next country asks the same list there', () => {
    const reply = last('ci sono altri gemellaggi in Italia o siamo solo noi di Pescantina?', 'e in Germania?');
    expect(answerOf(reply)).toEqual(['list_partners', ['dasing']]);
  });
});

describe('"both" with one partner named adds the one in focus', () => {
  it.each([
    ['what does the Kirov agreement cover?', 'and Berdychiv? do both include sport?'],
    ['co obejmuje umowa z Kirowem?', 'a Berdyczów? czy w obu jest sport?'],
    ["cosa prevede l'accordo con Kirov?", "e Berdychiv? c'è lo sport in tutte e due?"],
    ['what does the Kirov agreement cover?', 'compare it with the one with Berdychiv - is there sport in both?'],
  ])('%s → %s', (first, second) => {
    expect(answerOf(last(first, second))).toEqual(['cooperation', ['kirov', 'berdychiv']]);
  });

  it('without "both" the one named is asked alone', () => {
    expect(answerOf(last('when was Kirov signed?', 'and Berdychiv?'))).toEqual(['signing_date', ['berdychiv']]);
  });
});

describe('"the other way round" turns the last list around', () => {
  const NEWEST_FIRST = ['kirov', 'berdychiv', 'sabinov', 'vawkavysk', 'dasing', 'vilnius-district', 'pescantina'];
  it.each([
    ['list the partners', 'and the other way round?'],
    ['wymień miasta partnerskie', 'a odwrotnie?'],
    ['elenca le città partner per data', 'e al contrario?'],
  ])('%s → %s', (list, turned) => {
    expect(answerOf(last(list, turned))).toEqual(['list_partners', NEWEST_FIRST]);
  });

  it('a list by distance turned around is farthest first, with its condition kept', () => {
    expect(last('list the partners by distance', 'now the other way around').partners[0]).toBe('kirov');
    expect(last('partners in the EU', 'and reversed?').partners).toEqual([
      'sabinov',
      'dasing',
      'vilnius-district',
      'pescantina',
    ]);
  });
});

describe('"both" words refer to the pair compared', () => {
  it.each([
    ['which is older, Kirov or Berdychiv?', 'what do both cover?'],
    ['która jest starsza, z Kirowem czy z Berdyczowem?', 'a co obejmują obie umowy?'],
    ['quale è più vecchia, Kirov o Berdychiv?', 'e cosa prevedono tutte e due?'],
  ])('%s → %s', (compare, both) => {
    const reply = last(compare, both);
    expect(reply.intent).toBe('cooperation');
    expect([...reply.partners].sort()).toEqual(['berdychiv', 'kirov']);
  });
});

describe('"più lontano di Siedlce" is a superlative from Siedlce, not a comparison with it', () => {
  it.each([
    ['qual è il partner più lontano di Siedlce?', 'kirov'],
    ['qual è la città gemellata più vicina di Siedlce?', 'vawkavysk'],
    ['which partner is the farthest from Siedlce?', 'kirov'],
    ['które miasto partnerskie jest najbliżej Siedlec?', 'vawkavysk'],
  ])('%s', (text, picked) => {
    expect(answerOf(last(text))).toEqual(['list_partners', [picked]]);
  });
});
