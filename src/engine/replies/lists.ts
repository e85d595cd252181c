/** Replies about a set of partners: lists (filtered, ordered, picked) and counts. */
import type { Partner } from '../../domain/schema.js';
import { distanceOf, type Result } from '../execute.js';
import type { Condition, QueryShape } from '../types.js';
import { facetButtons, partnerButtons } from './buttons.js';
import {
  type Answer,
  allNames,
  areaNames,
  buildCard,
  listItem,
  listLine,
  nameForms,
  type Speaker,
  text,
} from './speaker.js';

/** The condition in words: "country: Germany or Italy, area: sport", "not country: Ukraine". */
export function describeCondition(condition: Condition | undefined, speaker: Speaker): string {
  if (!condition) return '';
  const { t, formats } = speaker;
  switch (condition.type) {
    case 'country':
      return t('filter.country', { country: formats.either(condition.codes.map((code) => formats.country(code))) });
    case 'area':
      return t('filter.area', { area: t(`areas.${condition.area}`) });
    case 'only':
      return t('filter.only', { areas: formats.list(condition.areas.map((area) => t(`areas.${area}`))) });
    case 'period': {
      const { from, to } = condition;
      if (from !== undefined && to !== undefined) {
        return from === to ? t('filter.year', { year: from }) : t('filter.between', { from, to });
      }
      if (to !== undefined) return t('filter.before', { year: to + 1 });
      if (from !== undefined) return t('filter.after', { year: from - 1 });
      return '';
    }
    case 'signed': {
      const { after, before } = condition;
      const parts = [
        after === undefined ? '' : t('filter.after', { year: formats.formatDate(after) }),
        before === undefined ? '' : t('filter.before', { year: formats.formatDate(before) }),
      ];
      return parts.filter(Boolean).join(', ');
    }
    case 'school':
      return String(condition.number);
    case 'institution':
      return t(`filter.institution.${condition.kind ?? 'any'}`);
    case 'distance':
      // "farther than Berdychiv" bounds by that partner's distance: whole km, like every distance said
      if (condition.min !== undefined && condition.max !== undefined)
        return t('filter.betweenKm', { min: formats.km(condition.min), max: formats.km(condition.max) });
      return condition.min !== undefined
        ? t('filter.farther', { km: formats.km(condition.min) })
        : t('filter.closer', { km: formats.km(condition.max ?? 0) });
    case 'partner':
      return formats.list(
        condition.ids.flatMap((id) => {
          const partner = speaker.knowledge.partnersById.get(id);
          return partner ? [text(partner, speaker, 'names')] : [];
        }),
      );
    case 'and':
      return condition.of.map((part) => describeCondition(part, speaker)).join(', ');
    case 'or':
      return formats.either(condition.of.map((part) => describeCondition(part, speaker)));
    case 'not':
      return t('filter.not', { filter: describeCondition(condition.of, speaker) });
  }
}

function superlativeOne(
  partner: Partner,
  query: QueryShape,
  speaker: Speaker,
  tied: readonly Partner[] = [],
): string | undefined {
  const forms = nameForms(partner, speaker);
  // picked out of the list shown or the partners named, it is the oldest or farthest of those only
  const of = query.subject.type === 'all' ? '' : 'Of';
  if (query.order?.by === 'distance') {
    const key = query.order.direction === 'asc' ? 'list.nearest' : 'list.farthest';
    return speaker.t(key + of, { ...forms, km: speaker.formats.km(distanceOf(partner, speaker.knowledge)) });
  }
  if (query.order?.by === 'date') {
    return speaker.t((query.order.direction === 'asc' ? 'list.oldest' : 'list.newest') + of, forms);
  }
  if (query.order?.by === 'areas') {
    // "which covers more, Vilnius District or Sabinov?": as many areas each, neither is picked
    if (tied.length > 0) return speaker.t('list.areasTie', { count: partner.areas.length });
    const key = query.order.direction === 'desc' ? 'list.widest' : 'list.narrowest';
    return speaker.t(key + of, { ...forms, areas: areaNames(partner.areas, speaker), count: partner.areas.length });
  }
  return undefined;
}

/** A partner's line with the areas its agreement covers. */
function areasLine(partner: Partner, speaker: Speaker): string {
  return speaker.t('list.itemAreas', { ...nameForms(partner, speaker), areas: areaNames(partner.areas, speaker) });
}

/** One partner's line of a list: with its distance, or its country and signing date. */
function line(partner: Partner, byDistance: boolean, speaker: Speaker): string {
  return byDistance
    ? speaker.t('list.itemDistance', {
        ...nameForms(partner, speaker),
        km: speaker.formats.km(distanceOf(partner, speaker.knowledge)),
      })
    : listLine(partner, speaker);
}

export function listReply(query: QueryShape, result: Result, speaker: Speaker): Answer {
  const { knowledge, t } = speaker;
  const filterText = describeCondition(query.condition, speaker);
  const partners = result.partners;
  if (partners.length === 0) {
    const lead = filterText ? t('list.empty', { filter: filterText }) : t('list.emptyOfThem');
    return {
      intent: 'list_partners',
      partners: [],
      text: `${lead}\n${t('notAPartner.partners', { names: allNames(speaker) })}`,
      suggestions: partnerButtons(knowledge.chronological, speaker),
    };
  }
  const [only] = partners;
  // "the second newest", "il penultimo" is not the newest: only a first or last pick is the superlative
  const superlativePick = query.pick?.type === 'first' || query.pick?.type === 'last';
  const tied = result.matching.filter(
    (partner) => only !== undefined && partner !== only && partner.areas.length === only.areas.length,
  );
  const one =
    superlativePick && partners.length === 1 && only
      ? superlativeOne(only, query, speaker, query.order?.by === 'areas' ? tied : [])
      : undefined;
  if (one && only) {
    // "which is older, Sabinov or Wołkowysk?": the others compared, with what they were compared by
    const others = query.subject.type === 'named' ? result.matching.filter((partner) => partner !== only) : [];
    const areasTied = query.order?.by === 'areas' && tied.length > 0;
    const compared = (areasTied ? [only, ...others] : others).map((partner) =>
      query.order?.by === 'areas'
        ? areasLine(partner, speaker)
        : line(partner, query.order?.by === 'distance', speaker),
    );
    return {
      intent: 'list_partners',
      partners: areasTied ? [only.id, ...tied.map((partner) => partner.id)] : [only.id],
      text: [one, ...compared].join('\n'),
      card: buildCard(only, speaker),
      suggestions: facetButtons(only, speaker, 'partner_info'),
    };
  }
  const items = partners.map((partner) => listItem(partner, speaker));
  const title = filterText ? t('list.titleFiltered', { filter: filterText }) : t('list.title');
  const byDistance = query.order?.by === 'distance';
  const suffix = filterText ? ` — ${filterText}` : '';
  const intro = byDistance
    ? t('list.introByDistance', { filter: suffix })
    : query.order?.direction === 'desc'
      ? t('list.introNewest', { filter: suffix })
      : filterText
        ? t('list.introFiltered', { filter: filterText })
        : t('list.intro');
  const lines = partners.map((partner) => line(partner, byDistance, speaker));
  return {
    intent: 'list_partners',
    partners: partners.map((partner) => partner.id),
    text: [intro, ...lines].join('\n'),
    list: { title, items },
    suggestions: partnerButtons(partners, speaker),
  };
}

export function countReply(query: QueryShape, result: Result, speaker: Speaker): Answer {
  const { t } = speaker;
  const matching = query.pick ? result.partners : result.matching;
  const filterText = describeCondition(query.condition, speaker);
  const names = speaker.formats.list(matching.map((partner) => text(partner, speaker, 'names')));
  let lead: string;
  if (query.subject.type !== 'all' && !filterText) lead = `${t('count.these', { count: matching.length })}: ${names}.`;
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
