/** Replies about the set of partners: lists (filtered, ordered) and counts. */
import type { Partner } from '../../domain/schema.js';
import type { Decision } from '../intent.js';
import type { Knowledge } from '../knowledge.js';
import type { ListFilter } from '../types.js';
import { facetButtons, partnerButtons } from './buttons.js';
import { type Answer, allNames, buildCard, listItem, nameForms, partnersOf, type Speaker, text } from './speaker.js';

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

export function listAnswer(decision: Decision, speaker: Speaker): Answer {
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

export function countAnswer(decision: Decision, speaker: Speaker): Answer {
  const { knowledge, t } = speaker;
  const filter = { ...decision.filter, order: undefined };
  // a count of the partners just listed ("how many are they?") counts those
  const among = decision.partners.length > 0 ? partnersOf(decision.partners, knowledge) : knowledge.chronological;
  const matching = applyFilter(among, filter, knowledge);
  const filterText = describeFilter(filter, speaker);
  const names = speaker.formats.list(matching.map((partner) => text(partner, speaker, 'names')));
  let lead: string;
  if (decision.partners.length > 0 && !filterText) lead = `${t('count.these', { count: matching.length })}: ${names}.`;
  else if (!filterText) lead = `${t('count.partners', { count: matching.length })}: ${names}.`;
  else if (matching.length === 0) lead = t('count.none', { filter: filterText });
  else lead = `${t('count.filtered', { count: matching.length, filter: filterText })}: ${names}.`;
  return {
    intent: 'count_partners',
    partners: matching.map((partner) => partner.id),
    text: lead,
    list: { title: t('list.title'), items: matching.map((partner) => listItem(partner, speaker)) },
  };
}
