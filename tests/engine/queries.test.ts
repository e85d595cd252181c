import { describe, expect, it } from 'vitest';
import { ConversationSchema, type Reply } from '../../src/engine/index.js';
import { RECENT_LISTS } from '../../src/engine/types.js';
import { converse, realEngine } from '../support/engine.js';

const engine = realEngine();

const chat = converse;

const last = (...turns: string[]) => chat(...turns).at(-1) as Reply;
const OUTSIDE_UKRAINE = ['pescantina', 'vilnius-district', 'dasing', 'vawkavysk', 'sabinov', 'kirov'];

describe('conditions: not, and, or', () => {
  it.each([
    ['partners outside Ukraine', OUTSIDE_UKRAINE],
    ['miasta partnerskie poza Ukrainą', OUTSIDE_UKRAINE],
    ["città partner fuori dall'Ucraina", OUTSIDE_UKRAINE],
    [
      'which partners are not in Russia or Belarus?',
      ['pescantina', 'vilnius-district', 'dasing', 'sabinov', 'berdychiv'],
    ],
    ['all partners except Kirov', ['pescantina', 'vilnius-district', 'dasing', 'vawkavysk', 'sabinov', 'berdychiv']],
    ['partner cities in the EU that cooperate on sport', ['vilnius-district', 'sabinov']],
    ['partners in Germany or Italy', ['pescantina', 'dasing']],
    ['agreements signed after 2000 but before 2006', ['sabinov', 'berdychiv']],
  ])('%s', (text, partners) => {
    const reply = last(text);
    expect(reply.intent).toBe('list_partners');
    expect(reply.partners).toEqual(partners);
  });

  it('lists "partners outside Ukraine" confidently', () => {
    expect(last('partners outside Ukraine').confidence).toBeGreaterThanOrEqual(0.8);
  });
});

describe('superlatives and picks', () => {
  it('finds the nearest and the farthest partner', () => {
    expect(last('which partner is the nearest?').partners).toEqual(['vawkavysk']);
    expect(last('la città gemellata più lontana').partners).toEqual(['kirov']);
    expect(last('najbliższe miasto partnerskie').partners).toEqual(['vawkavysk']);
  });

  it('answers a facet of a superlative: the date of the oldest, the distance of the farthest', () => {
    const oldest = last('When was the oldest agreement signed?');
    expect([oldest.intent, oldest.partners]).toEqual(['signing_date', ['pescantina']]);
    const farthest = last('how far is the farthest partner?');
    expect([farthest.intent, farthest.partners]).toEqual(['distance', ['kirov']]);
  });

  it('takes the top three by distance, nearest first', () => {
    expect(last('the 3 nearest partners').partners).toEqual(['vawkavysk', 'sabinov', 'vilnius-district']);
  });
});

describe('a conversation that remembers what was shown', () => {
  it('picks the n-th of the list shown, and keeps the list for the next pick', () => {
    const [, third, fourth] = chat('list the partner towns', 'how far is the third one?', 'and the fourth?');
    expect([third?.intent, third?.partners]).toEqual(['distance', ['dasing']]);
    expect([fourth?.intent, fourth?.partners]).toEqual(['distance', ['vawkavysk']]);
  });

  it('narrows the list shown: "which of them…", "those in the EU"', () => {
    const [, sport, eu] = chat(
      'show me all partner cities',
      'and which of them cooperate on sport?',
      'which of those are in the EU?',
    );
    expect(sport?.partners).toEqual(['vilnius-district', 'sabinov', 'berdychiv', 'kirov']);
    expect(eu?.partners).toEqual(['vilnius-district', 'sabinov']);
  });

  it('answers a question that waited for its partner', () => {
    const [, slovak] = chat('Kiedy podpisano umowę?', 'z tym słowackim');
    expect([slovak?.intent, slovak?.partners]).toEqual(['signing_date', ['sabinov']]);
    expect(slovak?.text).toContain('2001');
  });

  it('keeps a short stack of the lists shown, so "back to the three" finds the list before the narrower one', () => {
    const replies = chat(
      'Which partners are within 400 km of Siedlce?',
      'which of those are in the EU?',
      'back to the three - the first one, when was it signed?',
    );
    const [within, eu, back] = replies;
    expect(eu?.conversation.recent?.[0]).toEqual(within?.partners);
    expect([back?.intent, back?.partners]).toEqual(['signing_date', ['vilnius-district']]);
  });

  it('never keeps more than a few lists, and a stored stack survives the schema', () => {
    const replies = chat(
      'list the partner towns',
      'which are in the EU?',
      'and outside the EU?',
      'partners signed before 2000',
      'the ones after 2000?',
      'the two farthest?',
      'partners in Germany or Italy',
    );
    const recent = replies.at(-1)?.conversation.recent ?? [];
    expect(recent).toHaveLength(RECENT_LISTS);
    expect(recent[0]).toEqual(replies.at(-2)?.partners);
    const tooMany = Array.from({ length: RECENT_LISTS + 1 }, () => ['kirov']);
    expect(ConversationSchema.safeParse({ recent: tooMany }).success).toBe(false);
  });

  it('remembers where the asker is from without filtering on it, until "my country" refers to it', () => {
    const [all, eu, mine] = chat(
      'Hi, I am from Lithuania. Which partner towns does Siedlce have?',
      'which of them are in the EU?',
      'and the one in my country, when was it signed?',
    );
    expect(all?.partners).toHaveLength(7);
    expect(eu?.conversation.asker).toEqual({ country: 'LT' });
    expect([mine?.intent, mine?.partners]).toEqual(['signing_date', ['vilnius-district']]);
  });

  it('remembers the partner town the asker is from past other questions, until "my city" or "po nas" refers to it', () => {
    const [list, date, after] = chat(
      'Hi, I am from Sabinov. Which partner towns does Siedlce have?',
      'which of them are in the EU?',
      'and my town, when was it signed?',
      'ok, which towns signed after us?',
    ).slice(1);
    expect(list?.conversation.asker).toEqual({ partner: 'sabinov' });
    expect([date?.intent, date?.partners]).toEqual(['signing_date', ['sabinov']]);
    expect([after?.intent, after?.partners]).toEqual(['list_partners', ['berdychiv', 'kirov']]);
    expect(ConversationSchema.safeParse({ asker: { partner: 'sabinov' } }).success).toBe(true);
  });

  it('still reads a conversation stored before it remembered more', () => {
    const old = ConversationSchema.parse({ language: 'en', intent: 'signing_date', partners: ['kirov'] });
    const reply = engine.answer({ text: 'and how far is it?', conversation: old });
    expect([reply.intent, reply.partners]).toEqual(['distance', ['kirov']]);
  });
});

describe('every question of a message', () => {
  it.each([
    ['Kiedy podpisano umowę z Dasing i jaki jest jej cel?', ['signing_date', 'cooperation'], ['dasing']],
    ['How far is Kirov, and when did the partnership start?', ['distance', 'signing_date'], ['kirov']],
    ["Quando è stato firmato l'accordo con Sabinov? E quanto dista?", ['signing_date', 'distance'], ['sabinov']],
  ])('%s', (text, intents, partners) => {
    const reply = last(text);
    expect(reply.intents).toEqual(intents);
    expect(reply.intent).toBe(intents[0]);
    expect(reply.partners).toEqual(partners);
  });
});

describe('facts about the asker are not filters', () => {
  it('"Sono italiano" does not narrow the list to Italy', () => {
    expect(last('Sono italiano, quali sono le città partner?').partners).toHaveLength(7);
  });

  it('a partner named in the story is the subject of the question', () => {
    const reply = last("I'm a teacher from Friedberg near Dasing, what does the partnership cover?");
    expect([reply.intent, reply.partners]).toEqual(['cooperation', ['dasing']]);
  });
});

describe('confidence from evidence', () => {
  it('is low for a guess that understood little of the message', () => {
    expect(last('blorf zzgrak Kirov wump').confidence).toBeLessThan(0.5);
  });
});
