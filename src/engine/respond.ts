import type { TFunction } from 'i18next';
import type { Language, Partner } from '../domain/schema.js';
import { type Formats, flagOf, greatCircleKm } from './format.js';
import type { Decision } from './intent.js';
import type { Knowledge, Place } from './knowledge.js';
import type { Card, Intent, ListFilter, ListItem, Suggestion } from './types.js';
import type { Understanding } from './understand.js';

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

function text(partner: Partner, speaker: Speaker, field: 'names' | 'official' | 'purpose' | 'region'): string {
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

function nameForms(partner: Partner, speaker: Speaker): NameForms {
  return memo(speaker, `forms:${partner.id}`, () => buildNameForms(partner, speaker));
}

/** The names a sentence can put a partner in: Polish declines them, the others do not. */
function buildNameForms(partner: Partner, speaker: Speaker) {
  const name = text(partner, speaker, 'names');
  const declined = speaker.language === 'pl';
  return {
    name,
    name_gen: declined ? partner.forms.pl.gen : name,
    name_ins: declined ? partner.forms.pl.ins : name,
    name_loc: declined ? partner.forms.pl.loc : name,
    official: text(partner, speaker, 'official'),
    country: speaker.formats.country(partner.country),
    flag: flagOf(partner.country),
    date: speaker.formats.formatDate(partner.signed),
    region: text(partner, speaker, 'region'),
  };
}

function areaNames(areas: readonly string[], speaker: Speaker): string {
  return speaker.formats.list(areas.map((area) => speaker.t(`areas.${area}`)));
}

function distanceKm(partner: Partner, knowledge: Knowledge): number {
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

function listItem(partner: Partner, speaker: Speaker): ListItem {
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

function partnerButtons(partners: readonly Partner[], speaker: Speaker): Suggestion[] {
  return partners.map((partner) => ({
    label: `${flagOf(partner.country)} ${text(partner, speaker, 'names')}`,
    command: { intent: 'partner_info', partners: [partner.id] },
  }));
}

function facetButtons(partner: Partner, speaker: Speaker, except: Intent): Suggestion[] {
  const facets: Intent[] = ['signing_date', 'cooperation', 'institutions', 'distance'];
  return facets
    .filter((facet) => facet !== except)
    .map((facet) => ({ label: speaker.t(`suggest.${facet}`), command: { intent: facet, partners: [partner.id] } }));
}

function exampleButtons(speaker: Speaker): Suggestion[] {
  const locale = speaker.knowledge.locales.byLanguage.get(speaker.language);
  return (locale?.translation.examples ?? []).map((example) => ({
    label: example.text,
    command: { intent: example.intent, partners: example.partners },
  }));
}

function withExamples(lead: string, speaker: Speaker): string {
  const examples = exampleButtons(speaker).map((example) => `• ${example.label}`);
  return [lead, speaker.t('tryAsking'), ...examples].join('\n');
}

function allNames(speaker: Speaker): string {
  return speaker.formats.list(speaker.knowledge.chronological.map((partner) => text(partner, speaker, 'names')));
}

function describeFilter(filter: ListFilter, speaker: Speaker): string {
  const parts: string[] = [];
  if (filter.countries) {
    const names = filter.countries.map((code) => speaker.formats.country(code));
    parts.push(speaker.t('filter.country', { country: speaker.formats.either(names) }));
  }
  if (filter.area) parts.push(speaker.t('filter.area', { area: speaker.t(`areas.${filter.area}`) }));
  const period = filter.period;
  if (period?.from !== undefined && period.to !== undefined) {
    parts.push(
      period.from === period.to
        ? speaker.t('filter.year', { year: period.from })
        : speaker.t('filter.between', { from: period.from, to: period.to }),
    );
  } else if (period?.to !== undefined) {
    parts.push(speaker.t('filter.before', { year: period.to + 1 }));
  } else if (period?.from !== undefined) {
    parts.push(speaker.t('filter.after', { year: period.from - 1 }));
  }
  return parts.join(', ');
}

function applyFilter(partners: readonly Partner[], filter: ListFilter, knowledge: Knowledge): Partner[] {
  const countries = filter.countries?.flatMap(
    (code) => knowledge.dataset.countryGroups.find((group) => group.code === code)?.members ?? [code],
  );
  return partners.filter((partner) => {
    const year = Number(partner.signed.slice(0, 4));
    if (countries && !countries.includes(partner.country)) return false;
    if (filter.area && !partner.areas.includes(filter.area)) return false;
    if (filter.period?.from !== undefined && year < filter.period.from) return false;
    if (filter.period?.to !== undefined && year > filter.period.to) return false;
    return true;
  });
}

function partnersOf(ids: readonly string[], knowledge: Knowledge): Partner[] {
  return ids.flatMap((id) => {
    const partner = knowledge.partnersById.get(id);
    return partner ? [partner] : [];
  });
}

function listAnswer(decision: Decision, speaker: Speaker): Answer {
  const { knowledge, t } = speaker;
  const filter = decision.filter;
  const matching = applyFilter(knowledge.chronological, { ...filter, order: undefined }, knowledge);
  const filterText = describeFilter(filter, speaker);
  if (matching.length === 0) {
    const lead = t('list.empty', { filter: filterText });
    return {
      intent: 'list_partners',
      partners: [],
      text: `${lead}\n${t('notAPartner.partners', { names: allNames(speaker) })}`,
      suggestions: partnerButtons(knowledge.chronological, speaker),
    };
  }
  if (filter.order === 'oldest' || filter.order === 'newest') {
    const partner = (filter.order === 'oldest' ? matching[0] : matching[matching.length - 1]) as Partner;
    return {
      intent: 'list_partners',
      partners: [partner.id],
      text: t(`list.${filter.order}`, nameForms(partner, speaker)),
      card: buildCard(partner, speaker),
      suggestions: facetButtons(partner, speaker, 'partner_info'),
    };
  }
  const items = matching.map((partner) => listItem(partner, speaker));
  const title = filterText ? t('list.titleFiltered', { filter: filterText }) : t('list.title');
  const intro = filterText ? t('list.introFiltered', { filter: filterText }) : t('list.intro');
  const lines = items.map((item) =>
    t('list.item', { flag: item.flag, name: item.name, country: item.countryName, date: item.signedText }),
  );
  return {
    intent: 'list_partners',
    partners: matching.map((partner) => partner.id),
    text: [intro, ...lines].join('\n'),
    list: { title, items },
    suggestions: partnerButtons(matching, speaker),
  };
}

function countAnswer(decision: Decision, speaker: Speaker): Answer {
  const { knowledge, t } = speaker;
  const filter = { ...decision.filter, order: undefined };
  const matching = applyFilter(knowledge.chronological, filter, knowledge);
  const filterText = describeFilter(filter, speaker);
  const names = speaker.formats.list(matching.map((partner) => text(partner, speaker, 'names')));
  let lead: string;
  if (!filterText) lead = `${t('count.partners', { count: matching.length })}: ${names}.`;
  else if (matching.length === 0) lead = t('count.none', { filter: filterText });
  else lead = `${t('count.filtered', { count: matching.length, filter: filterText })}: ${names}.`;
  return {
    intent: 'count_partners',
    partners: matching.map((partner) => partner.id),
    text: lead,
    list: { title: t('list.title'), items: matching.map((partner) => listItem(partner, speaker)) },
  };
}

function perPartner(
  intent: Intent,
  partners: readonly Partner[],
  speaker: Speaker,
  sentence: (partner: Partner) => string,
): Answer {
  const [only] = partners;
  const cards = partners.map((partner) => buildCard(partner, speaker));
  return {
    intent,
    partners: partners.map((partner) => partner.id),
    text: partners.map(sentence).join('\n\n'),
    ...(partners.length === 1 && only
      ? { card: cards[0], suggestions: facetButtons(only, speaker, intent) }
      : { cards }),
  };
}

function partnerInfoSentence(partner: Partner, speaker: Speaker): string {
  const forms = nameForms(partner, speaker);
  const summary = speaker.t('partnerInfo', { ...forms, areas: areaNames(partner.areas, speaker) });
  return `${summary}\n${text(partner, speaker, 'purpose')}`;
}

function cooperationSentence(partner: Partner, speaker: Speaker): string {
  const forms = nameForms(partner, speaker);
  const lines = [
    speaker.t('cooperation.intro', { ...forms, areas: areaNames(partner.areas, speaker) }),
    text(partner, speaker, 'purpose'),
  ];
  const activities = partner.activities.map((activity) => `• ${activity.text[speaker.language] ?? ''}`);
  if (activities.length > 0) lines.push(speaker.t('cooperation.activities'), ...activities);
  return lines.join('\n');
}

function cooperationOverview(decision: Decision, speaker: Speaker): Answer {
  const { knowledge, t } = speaker;
  const area = decision.filter.area;
  if (area) {
    const matching = knowledge.chronological.filter((partner) => partner.areas.includes(area));
    const areaName = t(`areas.${area}`);
    const names = speaker.formats.list(matching.map((partner) => text(partner, speaker, 'names')));
    return {
      intent: 'cooperation',
      partners: matching.map((partner) => partner.id),
      text:
        matching.length > 0
          ? t('cooperation.area', { area: areaName, names })
          : t('cooperation.areaNone', { area: areaName }),
      suggestions: partnerButtons(matching, speaker),
    };
  }
  const lines = knowledge.chronological.map(
    (partner) => `${flagOf(partner.country)} ${text(partner, speaker, 'names')}: ${areaNames(partner.areas, speaker)}`,
  );
  return {
    intent: 'cooperation',
    partners: knowledge.chronological.map((partner) => partner.id),
    text: [t('cooperation.summary'), ...lines].join('\n'),
    suggestions: partnerButtons(knowledge.chronological, speaker),
  };
}

function institutionNames(partner: Partner, speaker: Speaker, side?: 'siedlce' | 'partner'): string[] {
  return partner.institutions
    .filter((institution) => !side || institution.side === side)
    .map((institution) => institution.name[speaker.language] ?? '');
}

function institutionsSentence(partner: Partner, speaker: Speaker): string {
  const forms = nameForms(partner, speaker);
  const names = institutionNames(partner, speaker);
  if (names.length === 0) return speaker.t('institutions.none', { ...forms, areas: areaNames(partner.areas, speaker) });
  const hasSchools = partner.institutions.some(
    (institution) => institution.kind === 'school' && institution.side === 'siedlce',
  );
  const lines = [speaker.t('institutions.list', { ...forms, names: speaker.formats.list(names) })];
  if (hasSchools) lines.push(speaker.t('institutions.historical'));
  return lines.join('\n');
}

function schoolAnswer(numbers: readonly number[], speaker: Speaker): Answer {
  const { knowledge, t, formats } = speaker;
  const lines: string[] = [];
  const found = new Set<string>();
  for (const number of numbers) {
    const matches = knowledge.chronological.flatMap((partner) =>
      partner.institutions
        .filter((institution) => institution.side === 'siedlce' && institution.number === number)
        .map((institution) => ({ partner, institution })),
    );
    if (matches.length === 0) {
      const named = knowledge.chronological.flatMap((partner) =>
        partner.institutions
          .filter((institution) => institution.side === 'siedlce' && institution.kind === 'school')
          .map((institution) => institution.name[speaker.language] ?? ''),
      );
      lines.push(t('institutions.schoolUnknown', { number, names: formats.list(named) }));
      continue;
    }
    const partners = [...new Set(matches.map((match) => match.partner))];
    for (const partner of partners) found.add(partner.id);
    const schools = matches.map((match) => match.institution.name[speaker.language] ?? '');
    const key = schools.length > 1 ? 'institutions.schoolPlural' : 'institutions.school';
    const partnerNames = partners.map(
      (partner) => `${text(partner, speaker, 'names')} (${formats.country(partner.country)})`,
    );
    lines.push(t(key, { names: formats.list(schools), partners: formats.list(partnerNames) }));
  }
  if (found.size > 0) lines.push(t('institutions.historical'));
  const partners = partnersOf([...found], knowledge);
  return {
    intent: 'institutions',
    partners: [...found],
    text: lines.join('\n'),
    ...(partners.length === 1 && partners[0] ? { card: buildCard(partners[0], speaker) } : {}),
    suggestions: partnerButtons(partners, speaker),
  };
}

function allInstitutions(speaker: Speaker): Answer {
  const { knowledge, t } = speaker;
  const withInstitutions = knowledge.chronological.filter(
    (partner) => institutionNames(partner, speaker, 'siedlce').length > 0,
  );
  const lines = withInstitutions.map(
    (partner) =>
      `• ${text(partner, speaker, 'names')}: ${speaker.formats.list(institutionNames(partner, speaker, 'siedlce'))}`,
  );
  const japan = t('institutions.japan', {
    institution: knowledge.dataset.overview.japan.institution[speaker.language],
  });
  return {
    intent: 'institutions',
    partners: withInstitutions.map((partner) => partner.id),
    text: [t('institutions.all'), ...lines, japan, t('institutions.historical')].join('\n'),
    suggestions: partnerButtons(withInstitutions, speaker),
  };
}

function overviewAnswer(speaker: Speaker): Answer {
  const { knowledge, t, formats } = speaker;
  const overview = knowledge.dataset.overview;
  const countries = (codes: readonly string[]) => formats.list(codes.map((code) => formats.country(code)));
  const partnerCountries = [...new Set(knowledge.chronological.map((partner) => partner.country))];
  const institution = overview.japan.institution[speaker.language];
  return {
    intent: 'overview',
    partners: [],
    text: [
      `${t('overview.eu', { countries: countries(overview.euCountries) })} ${t('overview.east', { countries: countries(overview.centralEasternCountries) })}`,
      t('overview.partners', { count: partnerCountries.length, countries: countries(partnerCountries) }),
      t('overview.japan', { institution }),
    ].join('\n'),
    suggestions: [{ label: t('suggest.list'), command: { intent: 'list_partners', partners: [] } }],
  };
}

function distanceAnswer(partners: readonly Partner[], speaker: Speaker): Answer {
  const { knowledge, t, formats } = speaker;
  if (partners.length > 0) {
    return perPartner('distance', partners, speaker, (partner) =>
      t('distance.one', { ...nameForms(partner, speaker), km: formats.km(distanceKm(partner, knowledge)) }),
    );
  }
  const sorted = [...knowledge.partners].sort((a, b) => distanceKm(a, knowledge) - distanceKm(b, knowledge));
  const lines = sorted.map((partner) =>
    t('distance.item', { ...nameForms(partner, speaker), km: formats.km(distanceKm(partner, knowledge)) }),
  );
  return {
    intent: 'distance',
    partners: sorted.map((partner) => partner.id),
    text: [t('distance.all'), ...lines].join('\n'),
  };
}

function notAPartnerAnswer(understanding: Understanding | undefined, speaker: Speaker): Answer {
  const { knowledge, t, formats } = speaker;
  const place: Place | undefined = understanding?.places[0];
  const placeName = place ? (place.names[speaker.language] ?? '') : (understanding?.unknownNames[0] ?? '');
  const lines = [t('notAPartner.place', { place: placeName })];
  let inCountry: Partner[] = [];
  if (place) {
    inCountry = knowledge.chronological.filter((partner) => partner.country === place.country);
    const country = formats.country(place.country);
    if (place.country === knowledge.dataset.home.country) {
      // a Polish city: no partner is expected "in that country"
    } else if (inCountry.length > 0) {
      const names = formats.list(inCountry.map((partner) => text(partner, speaker, 'names')));
      lines.push(t('notAPartner.partnerInCountry', { country, partners: names }));
    } else {
      lines.push(t('notAPartner.noPartnerInCountry', { country }));
    }
  }
  lines.push(t('notAPartner.partners', { names: allNames(speaker) }));
  return {
    intent: 'not_a_partner',
    partners: inCountry.map((partner) => partner.id),
    text: lines.join('\n'),
    suggestions: partnerButtons(inCountry.length > 0 ? inCountry : knowledge.chronological, speaker),
  };
}

function ambiguousAnswer(decision: Decision, speaker: Speaker): Answer {
  const candidates = partnersOf(decision.partners, speaker.knowledge);
  const options = speaker.formats.list(candidates.map((partner) => text(partner, speaker, 'names')));
  return {
    intent: decision.intent,
    partners: [],
    text: speaker.t('ambiguous', { options }),
    suggestions: candidates.map((partner) => ({
      label: `${flagOf(partner.country)} ${text(partner, speaker, 'names')}`,
      command: { intent: decision.intent, partners: [partner.id] },
    })),
  };
}

function smallTalk(intent: Intent, lead: string, speaker: Speaker): Answer {
  return { intent, partners: [], text: withExamples(lead, speaker), suggestions: exampleButtons(speaker) };
}

/** Builds the answer for a decided intent from the dataset and the locale's sentences. */
export function respond(decision: Decision, understanding: Understanding | undefined, speaker: Speaker): Answer {
  const { knowledge, t } = speaker;
  if (
    decision.partners.length > 1 &&
    understanding &&
    understanding.ambiguous.length > 1 &&
    understanding.partners.length === 0
  ) {
    return ambiguousAnswer(decision, speaker);
  }
  const partners = partnersOf(decision.partners, knowledge);
  switch (decision.intent) {
    case 'greeting':
      return smallTalk('greeting', t('greeting'), speaker);
    case 'help':
      return smallTalk('help', `${t('help')}\n${t('helpCommands')}`, speaker);
    case 'thanks':
      return { intent: 'thanks', partners: [], text: t('thanks') };
    case 'list_partners':
      return listAnswer(decision, speaker);
    case 'count_partners':
      return countAnswer(decision, speaker);
    case 'overview':
      return overviewAnswer(speaker);
    case 'distance':
      return distanceAnswer(partners, speaker);
    case 'not_a_partner':
      return notAPartnerAnswer(understanding, speaker);
    case 'partner_info':
      if (partners.length === 0) return listAnswer(decision, speaker);
      return perPartner('partner_info', partners, speaker, (partner) => partnerInfoSentence(partner, speaker));
    case 'signing_date':
      if (partners.length === 0) return listAnswer(decision, speaker);
      return perPartner('signing_date', partners, speaker, (partner) => t('signingDate', nameForms(partner, speaker)));
    case 'cooperation':
      if (partners.length === 0) return cooperationOverview(decision, speaker);
      return perPartner('cooperation', partners, speaker, (partner) => cooperationSentence(partner, speaker));
    case 'institutions':
      if (understanding && understanding.schoolNumbers.length > 0 && partners.length === 0) {
        return schoolAnswer(understanding.schoolNumbers, speaker);
      }
      if (partners.length === 0) return allInstitutions(speaker);
      return perPartner('institutions', partners, speaker, (partner) => institutionsSentence(partner, speaker));
    default: {
      const lead = understanding?.blank ? t('empty') : t('unknown');
      return smallTalk('unknown', lead, speaker);
    }
  }
}
