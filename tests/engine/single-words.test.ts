import { describe, expect, it } from 'vitest';
import { answered, converse } from '../support/engine.js';

const ALL = ['pescantina', 'vilnius-district', 'dasing', 'vawkavysk', 'sabinov', 'berdychiv', 'kirov'];

const cases: { text: string; intents: string[]; partners: string[] }[] = [
  // asking what the bot can do asks for help
  { text: 'what can this bot do?', intents: ['help'], partners: [] },
  { text: 'co potrafi ten bot?', intents: ['help'], partners: [] },
  { text: 'cosa sa fare questo bot?', intents: ['help'], partners: [] },
  { text: 'how can you help me?', intents: ['help'], partners: [] },
  { text: 'w czym możesz mi pomóc?', intents: ['help'], partners: [] },
  { text: 'in cosa puoi aiutarmi?', intents: ['help'], partners: [] },
  { text: 'what kind of questions can I ask here?', intents: ['help'], partners: [] },
  { text: 'come mi puoi aiutare?', intents: ['help'], partners: [] },
  { text: 'o czym mozna z toba pogadac?', intents: ['help'], partners: [] },
  // greetings as people say them; the formal "Państwo" (you) is no "państwo" (a state)
  { text: 'siemka', intents: ['greeting'], partners: [] },
  { text: 'bongiorno!', intents: ['greeting'], partners: [] },
  { text: 'good day', intents: ['greeting'], partners: [] },
  { text: 'Dzień dobry Państwu', intents: ['greeting'], partners: [] },
  { text: 'dziękuję Państwu', intents: ['thanks'], partners: [] },
  { text: 'Dzień dobry Państwu, proszę o listę miast partnerskich.', intents: ['list_partners'], partners: ALL },
  { text: 'z jakich państw są miasta partnerskie?', intents: ['list_partners'], partners: ALL },
  // thanks as people shorten it on a phone
  { text: 'ok grz', intents: ['thanks'], partners: [] },
  { text: 'dzk', intents: ['thanks'], partners: [] },
  { text: 'tysm!', intents: ['thanks'], partners: [] },
  // the number after a bus or a train is no school's
  { text: 'o której odjeżdża autobus nr 5?', intents: ['unknown'], partners: [] },
  { text: 'a che ora passa il bus numero 5?', intents: ['unknown'], partners: [] },
  { text: 'is the bus no 5 running today?', intents: ['unknown'], partners: [] },
  // the -ov of a Slavic name as French and German write it
  { text: 'Sabinoff, quando hanno firmato?', intents: ['signing_date'], partners: ['sabinov'] },
  { text: 'kiedy podpisano umowę z Kiroff?', intents: ['signing_date'], partners: ['kirov'] },
  { text: 'when was the agreement with Kiroff signed?', intents: ['signing_date'], partners: ['kirov'] },
];

describe('single messages: small talk, numbers and spellings', () => {
  for (const { text, intents, partners } of cases) {
    it(JSON.stringify(text), () => {
      expect(answered(text)).toEqual({ intents, partners: [...partners].sort() });
    });
  }
});

describe('other partners of a country besides the one named', () => {
  it.each([
    ['Does Siedlce have other partners in Italy or only us from Pescantina?'],
    ['Czy Siedlce mają innych partnerów we Włoszech, czy tylko nas z Pescantiny?'],
    ['Siedlce ha altri gemellaggi in Italia o solo Pescantina?'],
    ["Siedlce gh'à anca altri gemelaggi in Italia o semo soltanto noialtri de Pescantina?"],
  ])('%s lists the partners of that country', (text) => {
    expect(answered(text)).toEqual({ intents: ['list_partners'], partners: ['pescantina'] });
  });
});

/** The last reply of a conversation asked turn by turn. */
function lastOf(...turns: string[]): { intent: string; partners: readonly string[] } {
  const reply = converse(...turns).at(-1);
  return { intent: reply?.intent ?? 'unknown', partners: reply?.partners ?? [] };
}

describe('where the one of a country lies, in dialect too', () => {
  it.each([
    ['quali sono le città gemellate?', 'quela todesca dove xela?'],
    ['quali sono le città gemellate?', 'quella tedesca dove si trova?'],
    ['jakie są miasta partnerskie?', 'a ta niemiecka gdzie leży?'],
    ['what are the partner towns?', 'and the German one, where is it?'],
  ])('%s → %s', (list, where) => {
    expect(lastOf(list, where)).toEqual({ intent: 'partner_info', partners: ['dasing'] });
  });
});

describe('a school named beside another area, as an alternative, is the area of education', () => {
  it.each([
    ["quando è stato firmato l'accordo con Sabinov?", "e c'è anche lo sport o solo la scuola?"],
    ['when was the agreement with Sabinov signed?', 'is there sport also or only school things'],
    ['kiedy podpisano umowę z Sabinovem?', 'a jest też sport, czy tylko szkoła?'],
  ])('%s → %s', (first, then) => {
    expect(lastOf(first, then)).toEqual({ intent: 'cooperation', partners: ['sabinov'] });
  });
  it.each([
    ['which schools take part in sport with Sabinov?'],
    ['jakie szkoły biorą udział w sporcie z Sabinovem?'],
    ['quali scuole partecipano allo sport con Sabinov?'],
  ])('%s still asks the schools', (text) => {
    expect(answered(text).intents).toEqual(['institutions']);
  });
});
