import type { Partner } from '../domain/schema.js';
import { greatCircleKm } from './format.js';
import type { Knowledge } from './knowledge.js';
import type { Condition, Order, Pick, QueryShape } from './types.js';

/** What the conversation has shown so far, for queries about "them" or "the third one". */
export interface Shown {
  shown: readonly string[];
  /** The lists shown before, newest first. */
  recent?: readonly (readonly string[])[];
}

/** The list a "shown-last" subject stands for: the last one, or one shown `ago` lists before it. */
export function shownList(context: Shown, ago: number | undefined): readonly string[] {
  return ago ? (context.recent?.[ago - 1] ?? []) : context.shown;
}

export interface Result {
  /** The partners the query is about, in answer order. */
  partners: Partner[];
  /** Before the pick: every partner that met the condition, in order (what a count counts). */
  matching: Partner[];
}

function countriesOf(codes: readonly string[], knowledge: Knowledge): string[] {
  return codes.flatMap(
    (code) => knowledge.dataset.countryGroups.find((group) => group.code === code)?.members ?? [code],
  );
}

/** Whether a partner meets a condition. */
export function meets(partner: Partner, condition: Condition, knowledge: Knowledge): boolean {
  switch (condition.type) {
    case 'country':
      return countriesOf(condition.codes, knowledge).includes(partner.country);
    case 'area':
      return partner.areas.includes(condition.area);
    case 'only':
      return (
        partner.areas.every((area) => condition.areas.includes(area)) &&
        condition.areas.every((area) => partner.areas.includes(area))
      );
    case 'period': {
      const year = Number(partner.signed.slice(0, 4));
      return (
        (condition.from === undefined || year >= condition.from) && (condition.to === undefined || year <= condition.to)
      );
    }
    case 'signed':
      return (
        (condition.after === undefined || partner.signed > condition.after) &&
        (condition.before === undefined || partner.signed < condition.before)
      );
    case 'school':
      return partner.institutions.some(
        (institution) => institution.side === 'siedlce' && institution.number === condition.number,
      );
    case 'institution':
      return partner.institutions.some((institution) => !condition.kind || institution.kind === condition.kind);
    case 'distance': {
      const km = distanceOf(partner, knowledge);
      return (
        (condition.min === undefined || km > condition.min) && (condition.max === undefined || km <= condition.max)
      );
    }
    case 'partner':
      return condition.ids.includes(partner.id);
    case 'and':
      return condition.of.every((part) => meets(partner, part, knowledge));
    case 'or':
      return condition.of.some((part) => meets(partner, part, knowledge));
    case 'not':
      return !meets(partner, condition.of, knowledge);
  }
}

export function distanceOf(partner: Partner, knowledge: Knowledge): number {
  return greatCircleKm(knowledge.dataset.home.coordinates, partner.coordinates);
}

/** What each order compares: the signing date, the distance from Siedlce, how many areas the agreement covers. */
const ORDER_KEYS: Record<Order['by'], (partner: Partner, knowledge: Knowledge) => number> = {
  date: (partner) => Date.parse(partner.signed),
  distance: distanceOf,
  areas: (partner) => partner.areas.length,
};

function sorted(partners: readonly Partner[], order: Order, knowledge: Knowledge): Partner[] {
  const key = (partner: Partner) => ORDER_KEYS[order.by](partner, knowledge);
  const sign = order.direction === 'asc' ? 1 : -1;
  return [...partners].sort((a, b) => sign * (key(a) - key(b)));
}

function picked(partners: readonly Partner[], pick: Pick | undefined): Partner[] {
  if (!pick) return [...partners];
  switch (pick.type) {
    case 'first':
      return partners.slice(0, 1);
    case 'last':
      return partners.slice(-1);
    // of an even list both partners in the middle are equally "the middle one"
    case 'middle':
      return partners.slice((partners.length - 1) >> 1, (partners.length >> 1) + 1);
    case 'nth':
      return pick.n > 0 ? partners.slice(pick.n - 1, pick.n) : partners.slice(pick.n, pick.n + 1 || undefined);
    case 'top':
      return partners.slice(0, pick.k);
  }
}

/**
 * Evaluates one query over the dataset: the subject's partners (named, shown last, or all), those
 * meeting the condition, in the asked order, then the pick. Lists, counts, oldest and newest,
 * nearest and farthest, n-th and yes/no all come through here.
 */
export function execute(knowledge: Knowledge, query: QueryShape, context: Shown): Result {
  const byId = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const partner = knowledge.partnersById.get(id);
      return partner ? [partner] : [];
    });
  const subject =
    query.subject.type === 'named'
      ? byId(query.subject.ids)
      : query.subject.type === 'shown-last'
        ? byId(shownList(context, query.subject.ago))
        : [...knowledge.chronological];
  const condition = query.condition;
  const matching = condition ? subject.filter((partner) => meets(partner, condition, knowledge)) : subject;
  const ordered = query.order ? sorted(matching, query.order, knowledge) : matching;
  return { partners: picked(ordered, query.pick), matching: ordered };
}
