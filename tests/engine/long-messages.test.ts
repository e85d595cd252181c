import { describe, expect, it } from 'vitest';
import { answered } from '../support/engine.js';

const ALL = ['pescantina', 'vilnius-district', 'dasing', 'vawkavysk', 'sabinov', 'berdychiv', 'kirov'];

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
  // facets enumerated after commas are questions of their own
  {
    text: 'Potrzebuję trzech rzeczy: daty podpisania umowy z Dasing, dziedzin współpracy i szkół, które w niej uczestniczą.',
    intents: ['signing_date', 'cooperation', 'institutions'],
    partners: ['dasing'],
  },
  {
    text: 'Mi servono tre cose: la data della firma con Sabinov, i settori di cooperazione e le scuole coinvolte.',
    intents: ['signing_date', 'cooperation', 'institutions'],
    partners: ['sabinov'],
  },
  {
    text: 'I need three things: the signing date with Pescantina, the areas of cooperation and the schools involved.',
    intents: ['signing_date', 'cooperation', 'institutions'],
    partners: ['pescantina'],
  },
  // "and which ones are they" after a count, naming the towns, asks for the list
  {
    text: 'Z iloma miastami Siedlce współpracują i jakie to są miasta?',
    intents: ['count_partners', 'list_partners'],
    partners: ALL,
  },
  {
    text: 'Quante città gemellate ha Siedlce e quali sono queste città?',
    intents: ['count_partners', 'list_partners'],
    partners: ALL,
  },
  {
    text: 'How many partner towns does Siedlce have and which ones are they?',
    intents: ['count_partners', 'list_partners'],
    partners: ALL,
  },
  // the superlative of a story's activity ("the first exchanges") picks no partner for the list
  {
    text: 'Pamiętam pierwsze wymiany uczniów. Ile jest miast partnerskich i jakie to są miasta?',
    intents: ['count_partners', 'list_partners'],
    partners: ALL,
  },
  // "…and is there youth exchange there?" after asking about a partner asks whether the area is covered
  {
    text: 'Czy Siedlce mają partnera na Słowacji i czy jest tam wymiana młodzieży?',
    intents: ['list_partners', 'cooperation'],
    partners: ['sabinov'],
  },
  // "più lontano di Siedlce" keeps its superlative: Siedlce is where the distance is measured from
  {
    text: 'qual è la città partner più lontana da Siedlce e quanti km sono?',
    intents: ['list_partners', 'distance'],
    partners: ['kirov'],
  },
  // the asker's own town, named before a partner beside it, is the one "my town" asks of
  {
    text: 'Abito a Bussolengo, vicino a Pescantina. Anche il mio comune è gemellato con Siedlce?',
    intents: ['not_a_partner'],
    // the Italian partner is named beside the answer
    partners: ['pescantina'],
  },
  {
    text: 'Mieszkam w Łukowie, niedaleko Wołkowyska. Czy moja miejscowość też jest partnerem Siedlec?',
    intents: ['not_a_partner'],
    partners: [],
  },
  {
    text: 'I live in Oxford, not far from Dasing. Is my municipality twinned with Siedlce too?',
    intents: ['not_a_partner'],
    partners: [],
  },
  // "was it Dasing?" for a town the asker forgot asks who it is, before the next question
  {
    text: 'Byłem kiedyś w małej gminie w Niemczech. Czy to był Dasing? I kiedy podpisano z nim umowę?',
    intents: ['partner_info', 'signing_date'],
    partners: ['dasing'],
  },
  {
    text: 'I once visited a small German town, I forget the name. Was it Dasing? And when was the agreement signed?',
    intents: ['partner_info', 'signing_date'],
    partners: ['dasing'],
  },
  // a statement of the asker's trip after the question is background: its school asks nothing
  {
    text: 'Is Troki a partner town of Siedlce? we are going there on a school trip',
    intents: ['not_a_partner'],
    partners: ['vilnius-district'],
  },
  {
    text: 'Czy Troki to miasto partnerskie Siedlec? jedziemy tam ze szkołą na wycieczkę',
    intents: ['not_a_partner'],
    partners: ['vilnius-district'],
  },
  {
    text: 'Troki è gemellata con Siedlce? andiamo lì in gita con la scuola',
    intents: ['not_a_partner'],
    partners: ['vilnius-district'],
  },
  // a colon after a statement about the asker announces the question ("è" is no "and" running on)
  {
    text: 'Vivo a Peschiera del Garda: è gemellata con Siedlce?',
    intents: ['not_a_partner'],
    partners: ['pescantina'],
  },
  { text: 'Mieszkam w Łukowie: czy jest miastem partnerskim Siedlec?', intents: ['not_a_partner'], partners: [] },
  { text: 'I live in Oxford: is it twinned with Siedlce?', intents: ['not_a_partner'], partners: [] },
  // "…the closest one, and which country is it in?": where the one partner just picked lies
  {
    text: 'which partner is the closest, and which country is it in?',
    intents: ['list_partners', 'partner_info'],
    partners: ['vawkavysk'],
  },
  {
    text: 'qual è il partner più vicino e in che paese si trova?',
    intents: ['list_partners', 'partner_info'],
    partners: ['vawkavysk'],
  },
  {
    text: 'który partner jest najbliżej i w jakim kraju leży?',
    intents: ['list_partners', 'partner_info'],
    partners: ['vawkavysk'],
  },
  // a claim about the partners ending in "??" asks nothing of its own: the count and the list after it do
  {
    text: 'moja pani mówi że Siedlce mają z 10 miast partnerskich ale chyba to mniej?? ile dokładnie i które',
    intents: ['count_partners', 'list_partners'],
    partners: ALL,
  },
  {
    text: 'la prof dice che Siedlce ha tipo 10 città gemellate ma secondo me è meno?? quante esattamente e quali',
    intents: ['count_partners', 'list_partners'],
    partners: ALL,
  },
  {
    text: 'my teacher says siedlce has like 10 partner towns but i think its less?? how many exactly and which ones',
    intents: ['count_partners', 'list_partners'],
    partners: ALL,
  },
  // whether a partnership is "from that period" asks its date
  {
    text: "Mio nonno parlava di una festa negli anni '90. È vero che il gemellaggio con Pescantina è di quel periodo? E che cosa prevede l'accordo?",
    intents: ['signing_date', 'cooperation'],
    partners: ['pescantina'],
  },
  {
    text: 'My grandpa remembers a festival in the 90s. Is it true that the partnership with Dasing is from that period? And what does the agreement cover?',
    intents: ['signing_date', 'cooperation'],
    partners: ['dasing'],
  },
  {
    text: 'Dziadek pamięta festyn z lat 90. Czy to prawda, że umowa z Dasing jest z tamtych lat? I czego dotyczy?',
    intents: ['signing_date', 'cooperation'],
    partners: ['dasing'],
  },
  // the town a story claims is twinned is what "is that true?" asks of, not the partner beside it
  {
    text: 'Uno dei miei allievi sostiene che anche Bussolengo sia gemellata con Siedlce, non solo Pescantina. È vero?',
    intents: ['not_a_partner'],
    partners: ['pescantina'],
  },
  {
    text: 'My neighbour says that Oxford is twinned with Siedlce too, not only Dasing. Is that true?',
    intents: ['not_a_partner'],
    partners: [],
  },
  {
    text: 'Sąsiad twierdzi, że Łuków też jest partnerem Siedlec, nie tylko Wołkowysk. Czy to prawda?',
    intents: ['not_a_partner'],
    partners: [],
  },
  // a count asked in a polite request ("could you tell us how many there are") counts the topic of the message
  {
    text: 'Stiamo progettando un viaggio in tutte le città partner di Siedlce. Potreste dirci quante sono e in quali paesi si trovano?',
    intents: ['count_partners', 'list_partners'],
    partners: ALL,
  },
  {
    text: 'We are planning a bike tour through all the partner towns of Siedlce. Could you tell us how many there are and in which countries they are?',
    intents: ['count_partners', 'list_partners'],
    partners: ALL,
  },
  {
    text: 'Planujemy wycieczkę rowerową po wszystkich miastach partnerskich Siedlec. Czy moglibyście napisać, ile ich jest i w jakich krajach leżą?',
    intents: ['count_partners', 'list_partners'],
    partners: ALL,
  },
  // "tell me something about X and what the agreement covers": the card, then what they do
  {
    text: "Ho scoperto che la città è gemellata con Siedlce: mi dici qualcosa su Berdyczow e su cosa prevede l'accordo?",
    intents: ['partner_info', 'cooperation'],
    partners: ['berdychiv'],
  },
  {
    text: 'Powiedz mi coś o Berdyczowie i czego dotyczy umowa?',
    intents: ['partner_info', 'cooperation'],
    partners: ['berdychiv'],
  },
  {
    text: 'Tell me something about Berdychiv and what the agreement covers?',
    intents: ['partner_info', 'cooperation'],
    partners: ['berdychiv'],
  },
  // "what is that partnership actually for?" asks what they do together
  {
    text: 'which Siedlce partner is in Germany, and what is that partnership actually for?',
    intents: ['list_partners', 'cooperation'],
    partners: ['dasing'],
  },
  {
    text: 'który partner Siedlec jest w Niemczech i czemu służy ta umowa?',
    intents: ['list_partners', 'cooperation'],
    partners: ['dasing'],
  },
  {
    text: 'quale partner di Siedlce è in Germania e a cosa serve quel gemellaggio?',
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
