import Fuse from 'fuse.js';
import { DataFileError } from '../domain/files.js';
import type { Locales } from '../domain/locales.js';
import type { Dataset, Language, Partner } from '../domain/schema.js';

export type Place = Dataset['places'][number];

import type { PlacesLocale } from '../domain/places.js';
import { datasetPlaceIndex, type PlaceIndex } from './gazetteer.js';
import { fold, tokenize } from './normalize.js';
import { PhraseIndex } from './phrases.js';
import type { Intent, PictureKind, Rank } from './types.js';

export type CueKind = Intent | 'partnership';
export type OrderCue =
  | 'oldest'
  | 'newest'
  | 'chronological'
  | 'nearest'
  | 'farthest'
  | 'byDistance'
  | 'newestFirst'
  | 'farthestFirst'
  | 'widest'
  | 'narrowest';
/** Words that shape a query rather than name a thing; each is read in its own language. */
export type QueryCue =
  | 'negation'
  | 'and'
  | 'or'
  | 'reference'
  | 'question'
  | 'asker'
  | 'reason'
  | 'negationAfter'
  | 'near'
  | 'whole'
  | 'sameYear'
  | 'adjacent'
  | 'each'
  | 'reversed'
  | 'withDates'
  | 'other'
  | 'only'
  | 'mine'
  | 'confirm'
  | 'relative'
  | 'preamble'
  | 'dateWord'
  | 'ours'
  | 'where'
  | 'lieIn'
  | 'askVerb';
export type PeriodCue = 'before' | 'after' | 'since' | 'between' | 'in' | 'decade';
/** A bound on the distance: one side ("more than", "within"), or the words around a range ("between", "and"). */
export type BoundCue = 'more' | 'less' | 'between' | 'rangeTo';

/** A value found through a word of one language: the word also votes for that language. */
export interface Tagged<T> {
  value: T;
  language: Language;
}

export interface FuzzyAlias {
  alias: string;
  partnerId: string;
}

/**
 * Everything understanding needs, built once from the dataset and the locales: indexes of
 * aliases, places and cue words. Pure data; rebuilt when the data file changes.
 */
export interface Knowledge {
  dataset: Dataset;
  /**
   * Words of the agreements (purpose and activities, per language) found in one partner's text
   * only, by their first letters: "obozów sportowych" is Berdychiv's, "libri… biblioteca" Kirov's.
   */
  agreementWords: ReadonlyMap<Language, ReadonlyMap<string, string>>;
  locales: Locales;
  partners: readonly Partner[];
  partnersById: ReadonlyMap<string, Partner>;
  /** Partners in the order their agreements were signed. */
  chronological: readonly Partner[];
  aliases: PhraseIndex<string>;
  /** Folded single-word aliases, for names written with a case ending ("Dasingu"). */
  aliasStems: ReadonlyMap<string, string>;
  nameSuffixes: readonly string[];
  /** Each language's spellings of foreign sounds (cues.json `spellings`), longest first: "cz" → "ch", "w" → "v". */
  spellings: readonly (readonly [string, string])[];
  /** Typo search over single-word aliases, one index per first letter (a typo keeps the first letter). */
  fuzzy: ReadonlyMap<string, Fuse<FuzzyAlias>>;
  home: PhraseIndex<true>;
  places: PhraseIndex<Place>;
  /** Folded one-word place names, for their case forms ("Grodnem"). */
  placeStems: ReadonlyMap<string, Place>;
  institutionAliases: PhraseIndex<string>;
  japanAliases: PhraseIndex<true>;
  intents: PhraseIndex<{ kind: CueKind; language: Language }>;
  countries: PhraseIndex<Tagged<string>>;
  areas: PhraseIndex<Tagged<string>>;
  order: PhraseIndex<OrderCue>;
  period: PhraseIndex<PeriodCue>;
  followUp: PhraseIndex<true>;
  queryCues: PhraseIndex<Tagged<QueryCue>>;
  /** Ordinal words: 1…7, 'last' or 'middle'. */
  ordinals: PhraseIndex<Tagged<Rank>>;
  numbers: PhraseIndex<Tagged<number>>;
  /** "more than" / "within" before a number of km, "between … and …" around two, and the units of distance. */
  bounds: PhraseIndex<Tagged<BoundCue>>;
  /** Decades written as words ("the nineties"), by their first year. */
  decades: PhraseIndex<number>;
  units: PhraseIndex<true>;
  /** "farther than", "più vicine di", "bliżej niż": before a partner, its distance is the bound. */
  comparisons: PhraseIndex<Tagged<'more' | 'less'>>;
  /** Real places other than the partners (a gazetteer), for precision. */
  gazetteer: PlaceIndex;
  pictures: PhraseIndex<PictureKind>;
  school: PhraseIndex<true>;
  schoolNicknames: PhraseIndex<number>;
  /** Per language, the folded words that tell it (function words and cues). */
  words: ReadonlyMap<Language, ReadonlySet<string>>;
  /** Per language, its commonest words (locales/xx/words.txt): a weaker sign of the language than `words`. */
  commonWords: ReadonlyMap<Language, ReadonlySet<string>>;
  /** Folded words any language knows: never a proper name nor a typo of a partner. */
  vocabulary: ReadonlySet<string>;
}

const MIN_STEM_LENGTH = 5;

/** How many first letters of a word stand for it in the agreements' texts (Polish and Italian inflect). */
export const AGREEMENT_STEM = 5;

function indexAgreementWords(partners: readonly Partner[], languages: readonly Language[]) {
  const byLanguage = new Map<Language, Map<string, string>>();
  for (const language of languages) {
    const owners = new Map<string, Set<string>>();
    for (const partner of partners) {
      const texts = [partner.purpose[language] ?? '', ...partner.activities.map((one) => one.text[language] ?? '')];
      for (const token of tokenize(fold(texts.join(' ')))) {
        if (token.length < AGREEMENT_STEM || /\d/.test(token)) continue;
        const stem = token.slice(0, AGREEMENT_STEM);
        const set = owners.get(stem) ?? new Set<string>();
        set.add(partner.id);
        owners.set(stem, set);
      }
    }
    const unique = new Map<string, string>();
    for (const [stem, ids] of owners) {
      const [only] = ids;
      if (ids.size === 1 && only) unique.set(stem, only);
    }
    byLanguage.set(language, unique);
  }
  return byLanguage;
}

function foldedTokens(phrases: readonly string[]): string[] {
  return phrases.flatMap((phrase) => tokenize(fold(phrase.replace(/\*$/, ''))));
}

function checkReferences(dataset: Dataset, locales: Locales): void {
  const partnerIds = new Set(dataset.partners.map((partner) => partner.id));
  for (const locale of locales.byLanguage.values()) {
    for (const area of dataset.areas) {
      if (!locale.translation.areas[area]) {
        throw new DataFileError(`locales/${locale.language}/translation.json: areas.${area} is missing — add its name`);
      }
    }
    // A language whose sentences put names in cases needs every partner's case forms.
    if (/name_(gen|ins|loc)/.test(JSON.stringify(locale.translation))) {
      const missing = dataset.partners.find((partner) => !partner.forms[locale.language]);
      if (missing) {
        throw new DataFileError(
          `data/partners.json: partner "${missing.id}" has no forms.${locale.language} (gen, ins, loc) — locales/${locale.language} declines names`,
        );
      }
    }
    for (const example of locale.translation.examples) {
      const unknown = example.partners.find((id) => !partnerIds.has(id));
      if (unknown) {
        throw new DataFileError(
          `locales/${locale.language}/translation.json: example "${example.text}" names unknown partner "${unknown}"`,
        );
      }
    }
  }
}

/**
 * Indexes every partner name: whole aliases ("Rejon Wileński"), and the distinctive single words of
 * longer aliases ("wileńskim"), which also feed the stem and typo matching.
 */
function indexPartnerNames(
  partners: readonly Partner[],
  vocabulary: ReadonlySet<string>,
  placeNames: ReadonlySet<string>,
) {
  const aliases = new PhraseIndex<string>();
  const owners = new Map<string, Set<string>>();
  for (const partner of partners) {
    const names = [...partner.aliases, ...Object.values(partner.names), ...Object.values(partner.official)];
    for (const name of names) {
      aliases.add(name, partner.id);
      for (const token of tokenize(fold(name))) {
        const set = owners.get(token) ?? new Set<string>();
        set.add(partner.id);
        owners.set(token, set);
      }
    }
  }
  const aliasStems = new Map<string, string>();
  const fuzzyAliases: FuzzyAlias[] = [];
  for (const [token, ids] of owners) {
    const [partnerId] = ids;
    // "vilnius" of "Vilnius District" is a city of its own, not a short name of the district
    if (ids.size !== 1 || partnerId === undefined || vocabulary.has(token) || token.length < 4) continue;
    if (placeNames.has(token)) continue;
    aliases.add(token, partnerId);
    fuzzyAliases.push({ alias: token, partnerId });
    if (token.length >= MIN_STEM_LENGTH) aliasStems.set(token, partnerId);
  }
  return { aliases, aliasStems, fuzzyAliases };
}

function fuzzyIndexes(aliases: readonly FuzzyAlias[]): Map<string, Fuse<FuzzyAlias>> {
  const byLetter = new Map<string, FuzzyAlias[]>();
  for (const alias of aliases) {
    const letter = alias.alias[0] ?? '';
    byLetter.set(letter, [...(byLetter.get(letter) ?? []), alias]);
  }
  const options = { keys: ['alias'], threshold: 0.4, ignoreLocation: true, minMatchCharLength: 3 };
  return new Map([...byLetter].map(([letter, list]) => [letter, new Fuse(list, options)]));
}

/** Real places beyond the data file: the gazetteer, and every country in every case per language. */
export interface PlaceKnowledge {
  gazetteer?: PlaceIndex;
  countries?: ReadonlyMap<Language, PlacesLocale['countries']>;
}

/** Every way a language writes a country (each case, adjectives, variants), for the country index. */
function countryWritings(countries: PlacesLocale['countries']): [string, string[]][] {
  return Object.entries(countries).map(([code, entry]) => [
    code,
    [...entry.names.flatMap((name) => Object.values(name)), ...entry.adjectives, ...entry.other],
  ]);
}

export function buildKnowledge(dataset: Dataset, locales: Locales, real: PlaceKnowledge = {}): Knowledge {
  checkReferences(dataset, locales);
  const home = new PhraseIndex<true>();
  home.addAll([...dataset.home.aliases, ...Object.values(dataset.home.names)], true);
  const places = new PhraseIndex<Place>();
  const placeStems = new Map<string, Place>();
  for (const place of dataset.places) {
    const names = [...Object.values(place.names), ...place.aliases];
    places.addAll(names, place);
    for (const name of names.map(fold))
      if (!name.includes(' ') && name.length >= MIN_STEM_LENGTH) placeStems.set(name, place);
  }
  const institutionAliases = new PhraseIndex<string>();
  for (const partner of dataset.partners) {
    for (const institution of partner.institutions) institutionAliases.addAll(institution.aliases, partner.id);
  }
  const japanAliases = new PhraseIndex<true>();
  japanAliases.addAll(dataset.overview.japan.aliases, true);

  const intents = new PhraseIndex<{ kind: CueKind; language: Language }>();
  const countries = new PhraseIndex<Tagged<string>>();
  const areas = new PhraseIndex<Tagged<string>>();
  const order = new PhraseIndex<OrderCue>();
  const period = new PhraseIndex<PeriodCue>();
  const followUp = new PhraseIndex<true>();
  const queryCues = new PhraseIndex<Tagged<QueryCue>>();
  const ordinals = new PhraseIndex<Tagged<Rank>>();
  const numbers = new PhraseIndex<Tagged<number>>();
  const bounds = new PhraseIndex<Tagged<BoundCue>>();
  const comparisons = new PhraseIndex<Tagged<'more' | 'less'>>();
  const decades = new PhraseIndex<number>();
  const units = new PhraseIndex<true>();
  const pictures = new PhraseIndex<PictureKind>();
  const school = new PhraseIndex<true>();
  const schoolNicknames = new PhraseIndex<number>();
  const words = new Map<Language, Set<string>>();
  const nameSuffixes = new Set<string>();
  const spellings = new Map<string, string>();

  for (const { language, cues } of locales.byLanguage.values()) {
    const languageWords = new Set(foldedTokens(cues.words));
    for (const [kind, phrases] of Object.entries(cues.intents)) {
      intents.addAll(phrases, { kind: kind as CueKind, language });
      // whole cue words tell the language; a stem ("partner*") may be shared by several
      for (const token of foldedTokens(phrases.filter((phrase) => !phrase.endsWith('*')))) languageWords.add(token);
    }
    const regionNames = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    for (const [code, phrases] of Object.entries(cues.countries)) {
      const name = regionNames.of(code);
      countries.addAll(name ? [...phrases, name] : phrases, { value: code, language });
    }
    // the complete vocabulary of countries (places.json), minus forms that are words of the language
    // ("mali" is Polish for small, not Mali)
    const cueWords = new Set(foldedTokens(cues.words));
    for (const [code, written] of countryWritings(real.countries?.get(language) ?? {})) {
      const kept = written.filter((form) => !cueWords.has(fold(form)) || cues.countries[code] !== undefined);
      countries.addAll(kept, { value: code, language });
    }
    for (const [area, phrases] of Object.entries(cues.areas)) areas.addAll(phrases, { value: area, language });
    for (const [kind, phrases] of Object.entries(cues.order)) order.addAll(phrases, kind as OrderCue);
    for (const [kind, phrases] of Object.entries(cues.period)) period.addAll(phrases, kind as PeriodCue);
    followUp.addAll(cues.followUp, true);
    const queryWords: [QueryCue, readonly string[]][] = [
      ['negation', cues.negation],
      ['negationAfter', cues.negationAfter],
      ['and', cues.conjunctions.and],
      ['or', cues.conjunctions.or],
      ['reference', cues.references],
      ['question', cues.questionWords],
      ['asker', cues.asker],
      ['reason', cues.reasons],
      ['near', cues.near],
      ['whole', cues.whole],
      ['sameYear', cues.sameYear],
      ['adjacent', cues.adjacent],
      ['each', cues.each],
      ['reversed', cues.reversed],
      ['withDates', cues.withDates],
      ['other', cues.other],
      ['only', cues.only],
      ['mine', cues.mine],
      ['confirm', cues.confirmations],
      ['relative', cues.relatives],
      ['preamble', cues.preambles],
      ['dateWord', cues.dateWords],
      ['ours', cues.ours],
      ['where', cues.where],
      ['lieIn', cues.lieIn],
      ['askVerb', cues.askVerbs],
    ];
    for (const [kind, phrases] of queryWords) {
      queryCues.addAll(phrases, { value: kind, language });
      // the words of "in vista di", "w związku z" are words of the language, never a town somewhere
      for (const token of foldedTokens(phrases.filter((phrase) => phrase.includes(' ') && !phrase.endsWith('*'))))
        languageWords.add(token);
    }
    for (const [rank, phrases] of Object.entries(cues.ordinals)) {
      ordinals.addAll(phrases, { value: rank === 'last' || rank === 'middle' ? rank : Number(rank), language });
    }
    for (const [first, phrases] of Object.entries(cues.decades)) decades.addAll(phrases, Number(first));
    bounds.addAll(cues.distanceBounds.more, { value: 'more', language });
    bounds.addAll(cues.distanceBounds.less, { value: 'less', language });
    bounds.addAll(cues.distanceBounds.between, { value: 'between', language });
    bounds.addAll(cues.distanceBounds.rangeTo, { value: 'rangeTo', language });
    units.addAll(cues.distanceBounds.units, true);
    comparisons.addAll(cues.comparedWith.more, { value: 'more', language });
    comparisons.addAll(cues.comparedWith.less, { value: 'less', language });
    for (const [count, phrases] of Object.entries(cues.numbers))
      numbers.addAll(phrases, { value: Number(count), language });
    pictures.addAll(cues.pictures.map, 'map');
    pictures.addAll(cues.pictures.timeline, 'timeline');
    school.addAll(cues.school, true);
    for (const [number, phrases] of Object.entries(cues.schoolNicknames))
      schoolNicknames.addAll(phrases, Number(number));
    for (const suffix of cues.nameSuffixes) nameSuffixes.add(fold(suffix));
    for (const [written, romanised] of Object.entries(cues.spellings)) spellings.set(fold(written), fold(romanised));
    words.set(language, languageWords);
  }
  const vocabulary = new Set([...words.values()].flatMap((set) => [...set]));
  const partners = dataset.partners;
  const placeNames = new Set(
    dataset.places.flatMap((place) => [...Object.values(place.names), ...place.aliases].map(fold)),
  );
  const { aliases, aliasStems, fuzzyAliases } = indexPartnerNames(partners, vocabulary, placeNames);

  return {
    dataset,
    agreementWords: indexAgreementWords(partners, locales.languages),
    locales,
    partners,
    partnersById: new Map(partners.map((partner) => [partner.id, partner])),
    chronological: [...partners].sort((a, b) => a.signed.localeCompare(b.signed)),
    aliases,
    aliasStems,
    spellings: [...spellings].sort((a, b) => b[0].length - a[0].length),
    nameSuffixes: [...nameSuffixes].filter((suffix) => suffix.length > 0).sort((a, b) => b.length - a.length),
    fuzzy: fuzzyIndexes(fuzzyAliases),
    home,
    places,
    placeStems,
    institutionAliases,
    japanAliases,
    intents,
    countries,
    areas,
    order,
    period,
    followUp,
    queryCues,
    ordinals,
    comparisons,
    numbers,
    bounds,
    decades,
    units,
    gazetteer: remembering(real.gazetteer ?? datasetPlaceIndex(dataset)),
    pictures,
    school,
    schoolNicknames,
    words,
    commonWords: new Map(
      [...locales.byLanguage.values()].map(({ language, commonWords }) => [language, new Set(commonWords ?? [])]),
    ),
    vocabulary,
  };
}

/** Distinct words whose nearest place is remembered; the memory starts over when full. */
const NEAREST_MEMORY = 4096;

/**
 * The same index, remembering its answers (`nearest` searches a hundred thousand names, ~0.1 ms;
 * `match` a binary search a word): people repeat the names and words they type.
 */
function remembering(index: PlaceIndex): PlaceIndex {
  const memory = new Map<string, ReturnType<PlaceIndex['nearest']>>();
  const matches = new Map<string, ReturnType<PlaceIndex['match']>>();
  return {
    match(words, start) {
      // names of places run to a few words: the next four decide the answer
      const window = words.slice(start, start + 4);
      const key = window.join(' ');
      if (matches.has(key)) return matches.get(key);
      if (matches.size >= NEAREST_MEMORY) matches.clear();
      const found = index.match(window, 0);
      matches.set(key, found);
      return found;
    },
    countryForms: (language) => index.countryForms(language),
    nearest(word, maxDistance) {
      const key = `${maxDistance}:${word}`;
      if (memory.has(key)) return memory.get(key);
      if (memory.size >= NEAREST_MEMORY) memory.clear();
      const found = index.nearest(word, maxDistance);
      memory.set(key, found);
      return found;
    },
  };
}
