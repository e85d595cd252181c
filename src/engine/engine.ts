import type { Locales } from '../domain/locales.js';
import type { Dataset, Language } from '../domain/schema.js';
import { confidenceOf } from './confidence.js';
import { recall, remember } from './dialogue.js';
import { Formats } from './format.js';
import { createTranslator } from './i18n.js';
import { buildKnowledge, type Knowledge, type PlaceKnowledge } from './knowledge.js';
import { type PartnerChoice, resolvePartners, searchPartners } from './lookup.js';
import { commandQuery, readQueries } from './reading.js';
import { remembered } from './remember.js';
import { combine } from './replies/combine.js';
import { buildCard, respond, type Speaker } from './respond.js';
import type { Card, Reply, Request } from './types.js';
import { type Understanding, understand } from './understand.js';

/**
 * How many texts the engine keeps understood. Understanding depends on the text alone, and people
 * ask the same few questions again and again ("jakie są miasta partnerskie?"): a text seen lately
 * goes straight to the conversation.
 */
const UNDERSTOOD_KEPT = 1000;
/** Longer texts (a pasted letter, a flood) are understood each time rather than kept. */
const UNDERSTOOD_LONGEST = 600;

export interface EngineOptions {
  dataset: Dataset;
  locales: Locales;
  /** The language used when neither the question nor any hint tells one. */
  defaultLanguage: Language;
  /** Real places and countries beyond the data file (src/engine/places, locales/<language>/places.json). */
  places?: PlaceKnowledge;
}

export interface Engine {
  readonly languages: readonly Language[];
  readonly defaultLanguage: Language;
  readonly knowledge: Knowledge;
  answer(request: Request): Reply;
  /** A partner's card in a language, for platform menus (autocomplete, inline results). */
  card(partnerId: string, language: Language): Card | undefined;
  /** A sentence from locales/<language>/translation.json, for the platforms' own words (menus, apologies). */
  say(language: Language, key: string, values?: Record<string, unknown>): string;
  /** Partner ids a typed name stands for (several when it is ambiguous, none when unknown). */
  resolvePartners(name: string): string[];
  /** Partners matching what was typed so far, labelled in a language, for autocomplete menus. */
  searchPartners(query: string, language: Language): PartnerChoice[];
  /** Maps a platform locale ("pl", "en-US", "it-IT") to a language the bot speaks. */
  languageOf(locale: string | undefined): Language | undefined;
}

export function createEngine(options: EngineOptions): Engine {
  const knowledge = buildKnowledge(options.dataset, options.locales, options.places);
  const languages = options.locales.languages;
  if (!languages.includes(options.defaultLanguage)) {
    throw new Error(`default language "${options.defaultLanguage}" has no locales/${options.defaultLanguage}/ folder`);
  }
  const translate = createTranslator(options.locales, options.defaultLanguage);
  const speakers = new Map<Language, Speaker>(
    languages.map((language) => {
      const dateLocale = options.locales.byLanguage.get(language)?.translation.meta.dateLocale ?? language;
      return [language, { knowledge, language, t: translate(language), formats: new Formats(language, dateLocale) }];
    }),
  );
  const speakerFor = (language: Language): Speaker =>
    speakers.get(language) ?? (speakers.get(options.defaultLanguage) as Speaker);

  const languageOf = (locale: string | undefined): Language | undefined => {
    const base = locale?.toLowerCase().split(/[-_]/)[0];
    return base && languages.includes(base) ? base : undefined;
  };

  const understood = remembered(UNDERSTOOD_KEPT, (text) => understand(knowledge, text));
  const understandOnce = (text: string): Understanding =>
    text.length > UNDERSTOOD_LONGEST ? understand(knowledge, text) : understood(text);

  const answer = (request: Request): Reply => {
    const memory = recall(request.conversation);
    const read = request.command ? undefined : understandOnce(request.text);
    const language =
      request.language ?? read?.language ?? memory.language ?? languageOf(request.locale) ?? options.defaultLanguage;
    const speaker = speakerFor(language);
    const message = read
      ? readQueries(knowledge, read, memory)
      : { answered: [commandQuery(knowledge, request)], asker: {} };
    const queries = message.answered;
    const answers = queries.map(({ query, result }) => respond(query, result, speaker));
    const reply = combine(answers);
    const pictureKind = request.command ? request.command.picture : read?.picture;
    const [highlight] = reply.partners.length === 1 ? reply.partners : [];
    return {
      language,
      ...reply,
      ...(pictureKind ? { picture: highlight ? { kind: pictureKind, highlight } : { kind: pictureKind } } : {}),
      confidence: Math.min(...queries.map(({ query }) => confidenceOf(query))),
      conversation: remember(
        memory,
        read?.language ?? memory.language,
        queries.map(({ query }) => query),
        answers,
        message.asker,
      ),
    };
  };

  return {
    languages,
    defaultLanguage: options.defaultLanguage,
    knowledge,
    say: (language, key, values) => speakerFor(language).t(key, values ?? {}),
    answer,
    card: (partnerId, language) => {
      const partner = knowledge.partnersById.get(partnerId);
      return partner ? buildCard(partner, speakerFor(language)) : undefined;
    },
    languageOf,
    resolvePartners: (name) => resolvePartners(knowledge, name),
    searchPartners: (query, language) =>
      searchPartners(knowledge, query, language, (code) => speakerFor(language).formats.country(code)),
  };
}
