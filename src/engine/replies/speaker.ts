/** What every reply builder shares: the speaker of one language, partner names and cards. */
import type { TFunction } from 'i18next';
import type { Language, Partner } from '../../domain/schema.js';
import { type Formats, flagOf, greatCircleKm } from '../format.js';
import type { Knowledge } from '../knowledge.js';
import type { Card, Intent, ListItem, Suggestion } from '../types.js';

/** What a reply says and shows, before the engine adds language and conversation. */
export interface Answer {
  intent: Intent;
  partners: string[];
  text: string;
  card?: Card;
  cards?: Card[];
  list?: { title: string; items: ListItem[] };
  suggestions?: Suggestion[];
}

export interface Speaker {
  knowledge: Knowledge;
  language: Language;
  t: TFunction;
  formats: Formats;
}

export function text(partner: Partner, speaker: Speaker, field: 'names' | 'official' | 'purpose' | 'region'): string {
  const texts = partner[field];
  return texts[speaker.language] ?? Object.values(texts)[0] ?? partner.id;
}

/**
 * Per language and partner, what never changes between questions (names, dates, cards) is built
 * once: replies share these frozen objects.
 */
const memos = new WeakMap<Speaker, Map<string, unknown>>();

function memo<T>(speaker: Speaker, key: string, build: () => T): T {
  let cache = memos.get(speaker);
  if (!cache) {
    cache = new Map();
    memos.set(speaker, cache);
  }
  if (!cache.has(key)) cache.set(key, Object.freeze(build()));
  return cache.get(key) as T;
}

type NameForms = ReturnType<typeof buildNameForms>;

export function nameForms(partner: Partner, speaker: Speaker): NameForms {
  return memo(speaker, `forms:${partner.id}`, () => buildNameForms(partner, speaker));
}

/** The names a sentence can put a partner in: its case forms where the language has them (Polish). */
function buildNameForms(partner: Partner, speaker: Speaker) {
  const name = text(partner, speaker, 'names');
  const cases = partner.forms[speaker.language];
  return {
    name,
    name_gen: cases?.gen ?? name,
    name_ins: cases?.ins ?? name,
    name_loc: cases?.loc ?? name,
    official: text(partner, speaker, 'official'),
    country: speaker.formats.country(partner.country),
    flag: flagOf(partner.country),
    date: speaker.formats.formatDate(partner.signed),
    region: text(partner, speaker, 'region'),
  };
}

export function areaNames(areas: readonly string[], speaker: Speaker): string {
  return speaker.formats.list(areas.map((area) => speaker.t(`areas.${area}`)));
}

export function distanceKm(partner: Partner, knowledge: Knowledge): number {
  return greatCircleKm(knowledge.dataset.home.coordinates, partner.coordinates);
}

export function buildCard(partner: Partner, speaker: Speaker): Card {
  return memo(speaker, `card:${partner.id}`, () => makeCard(partner, speaker));
}

function makeCard(partner: Partner, speaker: Speaker): Card {
  const forms = nameForms(partner, speaker);
  return {
    id: partner.id,
    name: forms.name,
    officialName: forms.official,
    flag: forms.flag,
    country: partner.country,
    countryName: forms.country,
    region: forms.region,
    signed: partner.signed,
    signedText: forms.date,
    areas: partner.areas.map((area) => speaker.t(`areas.${area}`)),
    purpose: text(partner, speaker, 'purpose'),
    activities: partner.activities.map((activity) => activity.text[speaker.language] ?? ''),
    institutions: partner.institutions.map((institution) => ({
      side: institution.side,
      kind: institution.kind,
      name: institution.name[speaker.language] ?? '',
    })),
    coordinates: partner.coordinates,
    distanceKm: Math.round(distanceKm(partner, speaker.knowledge)),
  };
}

export function listItem(partner: Partner, speaker: Speaker): ListItem {
  const forms = nameForms(partner, speaker);
  return memo(speaker, `item:${partner.id}`, () => ({
    id: partner.id,
    name: forms.name,
    flag: forms.flag,
    countryName: forms.country,
    signed: partner.signed,
    signedText: forms.date,
  }));
}

/** A partner's line in a list ("🇩🇪 Dasing (Niemcy) — 26 lipca 1998"). */
export function listLine(partner: Partner, speaker: Speaker): string {
  return memo(speaker, `line:${partner.id}`, () => {
    const forms = nameForms(partner, speaker);
    return speaker.t('list.item', { flag: forms.flag, name: forms.name, country: forms.country, date: forms.date });
  });
}

export function partnersOf(ids: readonly string[], knowledge: Knowledge): Partner[] {
  return ids.flatMap((id) => {
    const partner = knowledge.partnersById.get(id);
    return partner ? [partner] : [];
  });
}

export function allNames(speaker: Speaker): string {
  return speaker.formats.list(speaker.knowledge.chronological.map((partner) => text(partner, speaker, 'names')));
}
