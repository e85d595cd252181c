import { describe, expect, it } from 'vitest';
import { realEngine } from '../support/engine.js';

const ALL = ['pescantina', 'vilnius-district', 'dasing', 'vawkavysk', 'sabinov', 'berdychiv', 'kirov'];

/** What one message is answered: every intent in order, and the partners of the reply. */
function answered(text: string): { intents: string[]; partners: string[] } {
  const reply = realEngine().answer({ text });
  return { intents: reply.intents ?? [reply.intent], partners: [...reply.partners].sort() };
}

const cases: { text: string; intents: string[]; partners: string[] }[] = [
  // asking where a partner lies is a question of its own
  {
    text: 'gdzie dokładnie leży Dasing i kiedy podpisano umowę?',
    intents: ['partner_info', 'signing_date'],
    partners: ['dasing'],
  },
  {
    text: "dov'è Kirov e quando è stato firmato l'accordo?",
    intents: ['partner_info', 'signing_date'],
    partners: ['kirov'],
  },
  {
    text: 'where exactly is Sabinov and when was the agreement signed?',
    intents: ['partner_info', 'signing_date'],
    partners: ['sabinov'],
  },
  // a comma before a question word that is no relative word, after a phrase that asked, asks again
  {
    text: 'Proszę napisać, kiedy podpisano umowę z Kirowem, jakie są dziedziny współpracy oraz jak daleko to jest.',
    intents: ['signing_date', 'cooperation', 'distance'],
    partners: ['kirov'],
  },
  {
    text: "Vorrei sapere quando è stato firmato l'accordo con Dasing, quali sono i settori di cooperazione e quanto dista.",
    intents: ['signing_date', 'cooperation', 'distance'],
    partners: ['dasing'],
  },
  {
    text: 'Please tell me when the agreement with Sabinov was signed, what the areas of cooperation are and how far it is.',
    intents: ['signing_date', 'cooperation', 'distance'],
    partners: ['sabinov'],
  },
  // a bare "and which" after a count asks for the list
  { text: 'ile jest miast partnerskich i które?', intents: ['count_partners', 'list_partners'], partners: ALL },
  { text: 'quante sono le città gemellate e quali?', intents: ['count_partners', 'list_partners'], partners: ALL },
  { text: 'how many twin towns are there and which?', intents: ['count_partners', 'list_partners'], partners: ALL },
  // a story's superlative picks the partner "which one is it?" asks about, not all of them
  {
    text: 'robimy w szkole projekt i musimy wybrać miasto partnerskie położone najbliżej Siedlec. które to jest i ile to km?',
    intents: ['list_partners', 'distance'],
    partners: ['vawkavysk'],
  },
  {
    text: 'facciamo un progetto a scuola e dobbiamo scegliere la città gemellata più lontana da Siedlce. qual è e quanti km sono?',
    intents: ['list_partners', 'distance'],
    partners: ['kirov'],
  },
  {
    text: 'for a class project we need the partner town that is nearest to siedlce. which one is it and how far?',
    intents: ['list_partners', 'distance'],
    partners: ['vawkavysk'],
  },
  // numbered questions on their own lines: each answered, the numbers count nothing
  {
    text: 'Dzień dobry!\n1) Kiedy podpisano umowę z Sabinovem?\n2) Jakie szkoły z Siedlec w tym uczestniczą?',
    intents: ['signing_date', 'institutions'],
    partners: ['sabinov'],
  },
  {
    text: 'Buongiorno,\n1) quando è stato firmato il gemellaggio con Berdyczow?\n2) quanto dista da Siedlce?',
    intents: ['signing_date', 'distance'],
    partners: ['berdychiv'],
  },
  {
    text: 'Hello,\n1) When was the agreement with Dasing signed?\n2) What do they cooperate on?',
    intents: ['signing_date', 'cooperation'],
    partners: ['dasing'],
  },
  // "is X the nearest / farthest partner?" picks among all partners
  { text: 'Czy Wołkowysk to najbliższe miasto partnerskie?', intents: ['list_partners'], partners: ['vawkavysk'] },
  { text: 'Kirov è la città gemellata più lontana?', intents: ['list_partners'], partners: ['kirov'] },
  {
    text: 'what do they do with Dasing, and is Kirov the farthest partner?',
    intents: ['cooperation', 'list_partners'],
    partners: ['dasing', 'kirov'],
  },
  // what comes before a verb reporting the question is background, not the question
  {
    text: 'jedziemy z CKiS do Sabinova i zastanawiam się od kiedy trwa to partnerstwo',
    intents: ['signing_date'],
    partners: ['sabinov'],
  },
  {
    text: 'andiamo a Dasing con la scuola e mi chiedo da quando esiste il gemellaggio',
    intents: ['signing_date'],
    partners: ['dasing'],
  },
  {
    text: 'we are travelling to Berdychiv with a choir and I wonder since when the partnership exists',
    intents: ['signing_date'],
    partners: ['berdychiv'],
  },
  // another facet named a few words after "and" ("as well as the names of…") asks a second question
  {
    text: 'I would like to know the date of the agreement with Kirov, as well as the names of the schools taking part.',
    intents: ['signing_date', 'institutions'],
    partners: ['kirov'],
  },
  {
    text: "Vorrei la data dell'accordo con Dasing, nonché i nomi delle scuole coinvolte.",
    intents: ['signing_date', 'institutions'],
    partners: ['dasing'],
  },
  {
    text: 'Proszę o datę podpisania umowy z Sabinovem, a także o nazwy szkół uczestniczących we współpracy.',
    intents: ['signing_date', 'institutions'],
    partners: ['sabinov'],
  },
  // a request read up to the closing is cut into its questions too; the closing and signature ask nothing
  {
    text: 'Proszę o listę miast partnerskich wraz z krajami oraz datami podpisania umów.\nZ poważaniem\nJan Nowak',
    intents: ['list_partners', 'signing_date'],
    partners: ALL,
  },
  {
    text: 'Siedlce ha partner in Germania? E in quali ambiti collabora?\nRingraziando per la cortesia, porgo distinti saluti.\nComune di Sona',
    intents: ['list_partners', 'cooperation'],
    partners: ['dasing'],
  },
];

describe('long messages and several questions in one', () => {
  for (const { text, intents, partners } of cases) {
    it(JSON.stringify(text), () => {
      expect(answered(text)).toEqual({ intents, partners: [...partners].sort() });
    });
  }
});
