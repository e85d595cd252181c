import {
  agreementPartner,
  anchoredPartners,
  conditionOf,
  hasDistance,
  hasNegation,
  INSTITUTION_OF_AREA,
  negatedPartnerStarts,
  negatesReference,
  partnersAfterPeriodWords,
  plainWords,
  positive,
} from './conditions.js';
import { isFacet } from './constants.js';
import { meets } from './execute.js';
import type { Knowledge, OrderCue } from './knowledge.js';
import { type Span, type SpanOf, spansOf } from './spans.js';
import type {
  Ask,
  Condition,
  Facet,
  InstitutionKind,
  Intent,
  Order,
  Pick,
  QueryShape,
  Rank,
  Subject,
  TALK_INTENTS,
} from './types.js';
import type { PlaceMention, Understanding } from './understand.js';

/** One question of a message, parsed, with what its reply needs besides the query itself. */
export interface Query extends QueryShape {
  /** How sure the reading is, before evidence (coverage, rival readings) is weighed in. */
  confidence: number;
  /** The candidates a mistyped name could stand for: ask which one was meant. */
  ambiguous?: string[];
  /** The place that is not a partner, or the unknown name taken for one. */
  place?: PlaceMention;
  unknownName?: string;
  /** The clause this query was read from. */
  understanding: Understanding;
  /** True when the reading had to choose between two plausible ones. */
  rival?: boolean;
  /** A facet asked of nobody in particular: answered for all, it waits for a partner to be named. */
  waits?: Facet;
  /** A facet asked of every partner outright ("daty podpisania wszystkich umów"): each one's, nothing awaited. */
  ofEvery?: boolean;
  /** It only sorts the list the message asked for just before ("…? Chronological order please."). */
  resorted?: boolean;
  /** It only points back at a list shown before ("back to the first list: …"): the next clause asks of it. */
  pointsBack?: string[];
}

/** What the conversation and the message's other clauses give a clause to lean on. */
export interface ClauseContext {
  /** Partners the last answer was about. */
  partners: readonly string[];
  intent: Intent | undefined;
  /** Partners last shown, in order. */
  shown: readonly string[];
  /** The lists shown before, newest first ("back to the four", "the one that isn't"). */
  recent?: readonly (readonly string[])[];
  /** The asker's own country, for "the one in my country". */
  askerCountry?: string | undefined;
  /** The partner town the asker is from, for "my city", "with us", "po nas". */
  askerPartner?: string | undefined;
  /** Where a count naming a list stands ("the four"): it counts no pick. */
  listCountAt?: number | undefined;
  /** The partners shown were talked about one by one, never listed: "the first of the two" is the oldest. */
  unordered?: boolean;
  pending: Facet | undefined;
  /** The subject of the clause before, in the same message ("…, and when did it start?"). */
  previous?: readonly string[];
  /** Partners mentioned in the story around the question ("I teach near Dasing"). */
  story: readonly string[];
  /** Places the asker is from ("I'm from Kaunas, are we twinned?"). */
  storyPlaces?: readonly PlaceMention[];
  /** The message speaks of partnerships somewhere, maybe outside this clause. */
  topic?: boolean;
  /** Partners in the countries the story names, for a facet asked of nobody else. */
  storyLands?: readonly string[];
  /** Countries the story says a partner is in ("ghe ze na cita tedesca gemela"), for "which is it?". */
  partnerCountries?: readonly string[];
  /** The partner whose agreement the story describes in its own words ("Regala dei libri alla biblioteca"). */
  agreement?: string | undefined;
  /** A superlative the story asks for ("we have to pick the one thats farthest"), for "which one is it?". */
  storyOrder?: OrderCue | undefined;
  /** A town that is no partner the story claims is twinned, for "is that true?". */
  claimedPlace?: PlaceMention | undefined;
  /** Countries of the story's places that a partner is said to be near. */
  nearCountries?: readonly string[];
  /** The query answered last, for "and outside?" (the same condition, negated). */
  lastQuery?: QueryShape | undefined;
}

type TalkIntent = (typeof TALK_INTENTS)[number];

const FACET_CUES: readonly Facet[] = ['distance', 'signing_date', 'institutions', 'cooperation'];

function has(understanding: Understanding, kind: Intent | 'partnership'): boolean {
  return (understanding.cues.get(kind) ?? 0) > 0;
}

/** The strongest facet cue in the clause, in the order that settles overlaps ("when… how far"). */
function facetOf(understanding: Understanding): Facet | undefined {
  if (understanding.schoolNumbers.length > 0 || understanding.institutionPartners.length > 0) return 'institutions';
  // "più lontana" is a superlative, not a distance question: a cue inside an order word does not count
  const orders = spansOf(understanding.spans, 'order');
  const standalone = spansOf(understanding.spans, 'cue').filter(
    (cue) =>
      !orders.some((order) => cue.start >= order.start && cue.end <= order.end) &&
      !schoolAmongAreas(understanding, cue),
  );
  return FACET_CUES.find((intent) => standalone.some((cue) => cue.cue === intent));
}

/** How far after "or", "only" an area stands as one of the alternatives ("or only the school"). */
const ALTERNATIVE_REACH = 2;

/**
 * "is there sport also or only school things?", "c'è anche lo sport o solo la scuola?": a school word
 * named beside another area is the area of education, not a question about the schools ("which
 * schools take part in sport?" still asks them: a question word leads to it).
 */
function schoolAmongAreas(u: Understanding, cue: SpanOf<'cue'>): boolean {
  if (cue.cue !== 'institutions') return false;
  const areas = spansOf(u.spans, 'area');
  const itsArea = areas.find((area) => area.start === cue.start && area.end === cue.end);
  const asked = spansOf(u.spans, 'question').some((question) => question.end === cue.start);
  // …as one of the alternatives: right after "or", "only" ("o solo la scuola", "czy tylko szkoła")
  const alternative = u.spans.some(
    (span) =>
      (span.kind === 'or' || span.kind === 'only') &&
      span.end <= cue.start &&
      cue.start - span.end <= ALTERNATIVE_REACH,
  );
  return itsArea !== undefined && alternative && !asked && areas.some((area) => area.area !== itsArea.area);
}

function orderOf(understanding: Understanding): Order | undefined {
  return orderOfCue(understanding.order);
}

function orderOfCue(cue: OrderCue | undefined): Order | undefined {
  switch (cue) {
    case 'oldest':
    case 'chronological':
      return { by: 'date', direction: 'asc' };
    case 'newest':
    case 'newestFirst':
      return { by: 'date', direction: 'desc' };
    case 'nearest':
    case 'byDistance':
      return { by: 'distance', direction: 'asc' };
    case 'farthest':
    case 'farthestFirst':
      return { by: 'distance', direction: 'desc' };
    case 'widest':
      return { by: 'areas', direction: 'desc' };
    case 'narrowest':
      return { by: 'areas', direction: 'asc' };
    default:
      return undefined;
  }
}

/** "not only the partner towns", "non solo le città gemellate": what is asked goes beyond them. */
function notOnlyPartners(u: Understanding): boolean {
  const cues = spansOf(u.spans, 'cue');
  return spansOf(u.spans, 'negation').some((negation) =>
    spansOf(u.spans, 'only').some(
      (only) =>
        only.start === negation.end &&
        cues.some((cue) => cue.start >= only.end && cue.start <= only.end + 1 && cue.cue === 'partnership'),
    ),
  );
}

/** The facet that says what an order compares: the distance, or the signing date. */
const FACET_OF_ORDER: Readonly<Record<Order['by'], Facet>> = {
  distance: 'distance',
  date: 'signing_date',
  areas: 'cooperation',
};

/** Orders that sort the whole list and pick nothing. */
const SORTS_ONLY: ReadonlySet<OrderCue> = new Set(['chronological', 'byDistance', 'newestFirst', 'farthestFirst']);

/** A superlative ("the oldest", "the nearest") picks; a chronological order only sorts. */
function superlative(understanding: Understanding): boolean {
  return understanding.order !== undefined && !SORTS_ONLY.has(understanding.order);
}

/** How far before its superlative a count may stand: "the three partner towns which … the nearest". */
const TOP_REACH = 8;

/** How many words may ask for the count after its superlative: "the nearest? give me 3", "najbliżej? podaj 3". */
const ASKED_AFTER_REACH = 3;

/** Every word between a superlative and a count after it asks for them ("podaj", "give me", "list"). */
function askedAfter(asking: readonly { start: number; end: number }[], from: number, to: number): boolean {
  if (to <= from || to - from > ASKED_AFTER_REACH) return false;
  return range(from, to).every((at) => asking.some((span) => span.start <= at && span.end > at));
}

/** Kinds of span a clause asking only for a count may hold besides it: "dimmene 3", "and give me three of them". */
const AROUND_COUNT = new Set(['question', 'and', 'reference']);

/** The partners an "others" answer left out ("a reszta?" after four: those four), if the last query was one. */
function leftOutBefore(condition: Condition | undefined): readonly string[] | undefined {
  if (!condition) return undefined;
  if (condition.type === 'not') return condition.of.type === 'partner' ? condition.of.ids : undefined;
  if (condition.type !== 'and') return undefined;
  for (const part of condition.of) {
    const ids = leftOutBefore(part.type === 'not' ? part : undefined);
    if (ids) return ids;
  }
  return undefined;
}

/** A clause that asks only for a number of partners: "podaj 3", "dimmene tre". */
function countAlone(understanding: Understanding): Pick | undefined {
  const numbers = spansOf(understanding.spans, 'number').filter((number) => number.count >= 2);
  const [number] = numbers;
  if (!number || numbers.length > 1) return undefined;
  if (understanding.spans.some((span) => span.kind !== 'number' && !AROUND_COUNT.has(span.kind))) return undefined;
  return { type: 'top', k: number.count };
}

/** "the three nearest", "i primi tre", "first 3": a count next to a superlative or "first", or asked after it. */
function topCount(understanding: Understanding, except?: number): number | undefined {
  const numbers = spansOf(understanding.spans, 'number');
  if (numbers.length === 0) return undefined;
  const anchors = [...spansOf(understanding.spans, 'order'), ...spansOf(understanding.spans, 'ordinal')];
  const references = spansOf(understanding.spans, 'reference');
  const asking = [
    ...spansOf(understanding.spans, 'question'),
    ...spansOf(understanding.spans, 'cue').filter((cue) => cue.cue === 'list_partners'),
  ];
  for (const number of numbers) {
    if (number.count < 2) continue;
    // "which of the two is farther?" picks one of the two shown
    if (references.some((reference) => reference.start <= number.start && reference.end >= number.end)) continue;
    if (number.start === except) continue;
    const near = anchors.some(
      (anchor) =>
        (anchor.start >= number.end && anchor.start - number.end <= TOP_REACH) ||
        anchor.end === number.start ||
        askedAfter(asking, anchor.end, number.start),
    );
    if (near) return number.count;
  }
  return undefined;
}

/** The rank asked; "first" inside a longer order phrase ("earliest first", "oldest first") only orders. */
function ordinalOf(understanding: Understanding): Rank | undefined {
  const orders = spansOf(understanding.spans, 'order');
  // "which of them was signed first?", "quale è stata firmata per prima": after the signing, "first" is the oldest
  const signing = spansOf(understanding.spans, 'cue').filter((cue) => cue.cue === 'signing_date');
  const afterSigning = (span: Span) =>
    orders.some((order) => order.start === span.start) &&
    signing.some((cue) => span.start >= cue.end && span.start - cue.end <= 1);
  return spansOf(understanding.spans, 'ordinal').find(
    (span) =>
      !afterSigning(span) &&
      !orders.some(
        (order) =>
          order.start <= span.start && order.end >= span.end && order.end - order.start > span.end - span.start,
      ),
  )?.rank;
}

/**
 * "which is older, Sabinov or Wołkowysk?", "co jest bliżej: Sabinov czy Berdyczów", "è più lontana
 * Pescantina o Dasing?": a word of comparison over two partners named or more picks among them;
 * "is Kirov the farthest partner?" over one asks whether it is the one picked among all partners.
 */
function comparison(u: Understanding, named: readonly string[]): Subject | undefined {
  if (!superlative(u)) return undefined;
  // "the first", "ostatni", "l'ultima" also rank what was shown: only a word of its own compares
  const ordinals = spansOf(u.spans, 'ordinal');
  const orders = spansOf(u.spans, 'order').filter(
    (order) => !ordinals.some((ordinal) => ordinal.start === order.start && ordinal.end === order.end),
  );
  // "which was signed first, Dasing or Sabinov?": "first" compares when it offers a choice of names
  const choice = offersChoice(u);
  if (named.length > 1 && (orders.length > 0 || choice || refersToCount(u, named.length))) {
    return { type: 'named', ids: [...named] };
  }
  if (orders.length === 0) return undefined;
  // the superlative names the partner it ranks: "the farthest partner", "il partner più vicino"
  // ("czy nasze miasto dalej jest partnerem": "dalej", "still", ranks nothing)
  const partnerWords = spansOf(u.spans, 'cue').filter((cue) => cue.cue === 'partnership');
  const ranksPartners = orders.some((order) =>
    partnerWords.some((word) => word.start === order.end || word.end === order.start),
  );
  return ranksPartners ? { type: 'all' } : undefined;
}

/**
 * "altri gemellaggi in Italia o siamo solo noi di Pescantina?", "other towns or only us in Sabinov?":
 * with others asked of, the partner named right after "us" is who the asker is, not the subject.
 */
function askersOwnTown(u: Understanding): number | undefined {
  if (spansOf(u.spans, 'other').length === 0) return undefined;
  const ours = spansOf(u.spans, 'ours');
  return spansOf(u.spans, 'partner').find((partner) =>
    ours.some((word) => partner.start >= word.end && partner.start - word.end <= 1),
  )?.start;
}

/** The order of the list before, the other way round, when the clause asks it turned around (a list is by date by default). */
function turnedOrder(u: Understanding, last: Order | undefined): Order | undefined {
  if (spansOf(u.spans, 'reversed').length === 0) return undefined;
  const before = last ?? { by: 'date', direction: 'asc' };
  return { by: before.by, direction: before.direction === 'asc' ? 'desc' : 'asc' };
}

/** "Dasing or Sabinov", "z Berdyczowem czy z Kirowem", "Kirov o Berdychiv": a word between two names offers a choice. */
function offersChoice(u: Understanding): boolean {
  const partners = spansOf(u.spans, 'partner');
  return [...spansOf(u.spans, 'or'), ...spansOf(u.spans, 'question')].some((word) =>
    partners.some((partner) => partner.end <= word.start && partners.some((other) => other.start >= word.end)),
  );
}

/** "which of the two", "quale delle due", "która z tych dwóch": a reference holding a count of that many. */
function refersToCount(u: Understanding, count: number): boolean {
  const references = spansOf(u.spans, 'reference');
  return spansOf(u.spans, 'number').some(
    (number) =>
      number.count === count &&
      references.some((reference) => reference.start <= number.start && reference.end >= number.end),
  );
}

/** "the two", "both", "tutte e due", "w obu": a count of two that picks no top two ("the 2 nearest"). */
function refersToPair(u: Understanding): boolean {
  if (refersToCount(u, 2)) return true;
  return topCount(u) === undefined && spansOf(u.spans, 'number').some((number) => number.count === 2);
}

/**
 * "How does that compare with Berdychiv? Which of the two was signed first?": one partner named and
 * "the two" compare it with the partner in focus.
 */
function withFocusCompared(u: Understanding, named: readonly string[], focus: string | undefined): readonly string[] {
  const [one] = named;
  if (named.length !== 1 || !focus || focus === one || !refersToPair(u)) return named;
  return [focus, ...named];
}

/** The one partner a comparison word stands right before ("farther than Berdychiv", "prima di Sabinov") and what it compares. */
function comparedAgainst(
  u: Understanding,
  anchors: ReadonlyMap<number, Condition>,
): { ids: string[]; facet: Facet } | undefined {
  const against = spansOf(u.spans, 'partner').filter((span) => anchors.has(span.start));
  const [one] = against;
  if (!one || against.length > 1) return undefined;
  const condition = anchors.get(one.start);
  const facet: Facet | undefined =
    condition?.type === 'signed' ? 'signing_date' : hasDistance(condition) ? 'distance' : undefined;
  return facet ? { ids: [one.id], facet } : undefined;
}

/** "When was the oldest signed?": a date question ("when", "what year") about a superlative, not a list. */
function asksWhen(understanding: Understanding): boolean {
  const questions = spansOf(understanding.spans, 'question');
  return spansOf(understanding.spans, 'cue').some(
    (cue) => cue.cue === 'signing_date' && questions.some((question) => question.start === cue.start),
  );
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, index) => start + index);
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/**
 * Reads one clause into a query. Order matters: a named partner beats list words, a place that is
 * not a partner beats everything that would otherwise need a partner, a reference or an ordinal
 * leans on what was shown, and small talk only wins when nothing else is asked.
 */
export function parseClause(knowledge: Knowledge, clause: Understanding, context: ClauseContext): Query {
  // "quali sono le più lontane? dimmene 3": a count asked alone after a superlative of the same message widens its pick
  const widened = context.previous && context.lastQuery?.pick?.type === 'first' ? countAlone(clause) : undefined;
  if (widened)
    return {
      ask: { type: 'list' },
      subject: { type: 'shown-last' },
      confidence: 0.8,
      understanding: clause,
      resorted: true,
      pick: widened,
    };
  const own = anchoredOnFocus(knowledge, withoutReferencesInYear(withAskersTown(clause, context)), context);
  const ranked = listByRank(own, context);
  const u = ranked?.understanding ?? own;
  const referred = ranked?.referred ?? referredList(u, context);
  const onReferred: ClauseContext = referred
    ? {
        ...context,
        shown: referred.ids,
        partners: referred.ids,
        intent: 'list_partners',
        listCountAt: referred.at,
        unordered: referred.ago === undefined,
      }
    : context;
  const query = referred ? onList(readClause(knowledge, u, onReferred), referred) : readClause(knowledge, u, context);
  if (ranked && asksNothingElse(ranked.understanding)) query.pointsBack = ranked.referred.ids;
  // two different facets asked in one clause ("sports stuff … or just schools?"): one was chosen
  if (query.ask.type === 'facet' && facetsAsked(u) > 1) query.rival = true;
  return query;
}

/** How many words besides its cues a bare count of the message's topic may have ("could you tell us how many there are"). */
const TOPIC_COUNT_WORDS = 3;

/** The words of a clause that no span reads. */
function wordsOutsideSpans(u: Understanding): number {
  let count = 0;
  for (let at = u.range.start; at < u.range.end; at++) {
    if ((u.reading.tokens[at] ?? '') === '') continue;
    if (!u.spans.some((span) => at >= span.start && at < span.end)) count++;
  }
  return count;
}

/**
 * "and my city when sign?", "a które podpisali po nas?", "e noi quanti km?": after the asker said
 * which partner town they are from, "my city", "us", "noi" name that partner where they stand.
 */
function withAskersTown(u: Understanding, context: ClauseContext): Understanding {
  const id = context.askerPartner;
  const ours = spansOf(u.spans, 'ours');
  if (!id || ours.length === 0 || u.partners.length > 0) return u;
  // "are there other Slovak towns or only us?": the others asked of are the subject, "us" is who they are besides
  const apart = (other: Span) => ours.every((one) => one.end <= other.start || one.start >= other.end);
  if (spansOf(u.spans, 'other').some(apart)) return u;
  const named: Span[] = ours.map((span) => ({ kind: 'partner', id, fuzzy: false, start: span.start, end: span.end }));
  const spans = [...u.spans.filter((span) => span.kind !== 'ours'), ...named].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  return { ...u, spans, partners: [id] };
}

/** The one partner the conversation is about, when the clause names none. */
function focusOf(knowledge: Knowledge, u: Understanding, context: ClauseContext): string | undefined {
  const ids = context.partners.filter((id) => knowledge.partnersById.has(id));
  return u.partners.length === 0 && ids.length === 1 ? ids[0] : undefined;
}

/**
 * "and which was signed right before that one?", "a które podpisano po nim?", "e quello subito dopo
 * di esso?": a reference after "before"/"after" is the partner in focus, its signing date the bound;
 * "right", "tuż", "subito" before the word ask for the one next to it in time, not all of them.
 */
function anchoredOnFocus(knowledge: Knowledge, u: Understanding, context: ClauseContext): Understanding {
  const id = focusOf(knowledge, u, context);
  if (!id) return u;
  const tokens = u.reading.tokens;
  const bounds = range(0, tokens.length).flatMap((at) =>
    knowledge.period.at(tokens, at).filter((hit) => hit.value === 'before' || hit.value === 'after'),
  );
  const references = spansOf(u.spans, 'reference');
  const anchored = bounds.flatMap((bound) => {
    const reference = references.find((one) => one.start >= bound.end && one.start - bound.end <= 2);
    return reference ? [{ bound, reference }] : [];
  });
  const [first] = anchored;
  if (!first) return u;
  const named: Span = { kind: 'partner', id, fuzzy: false, start: first.reference.start, end: first.reference.end };
  const spans = [...u.spans.filter((span) => span !== first.reference), named].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const next = spansOf(u.spans, 'adjacent').some((one) => one.end === first.bound.start);
  const order = next ? (first.bound.value === 'before' ? 'newest' : 'oldest') : u.order;
  return { ...u, spans, partners: [id], order };
}

/** "w tym samym roku": "tym" belongs to the year phrase, it points at no partner. */
function withoutReferencesInYear(u: Understanding): Understanding {
  const years = spansOf(u.spans, 'sameYear');
  if (years.length === 0) return u;
  const inYear = (span: Span) =>
    span.kind === 'reference' && years.some((year) => year.start <= span.start && year.end >= span.end);
  return { ...u, spans: u.spans.filter((span) => !inYear(span)) };
}

/** A rank of the list shown asked of itself ("the second one – the same year?"), not of others beside it. */
function picksRankItself(u: Understanding): boolean {
  return ordinalOf(u) !== undefined && spansOf(u.spans, 'other').length === 0;
}

/** "and who else signed in the same year?": the year the partner in focus signed, that partner aside. */
function inFocusYear(
  knowledge: Knowledge,
  u: Understanding,
  context: ClauseContext,
  condition: Condition | undefined,
): Condition | undefined {
  const id = focusOf(knowledge, u, context);
  const signed = id ? knowledge.partnersById.get(id)?.signed : undefined;
  if (!id || !signed || spansOf(u.spans, 'sameYear').length === 0) return condition;
  // "a pozycja druga? czy to był ten sam rok?": a rank picked from the list is what the year is asked of
  if (picksRankItself(u)) return condition;
  const year = Number(signed.slice(0, 4));
  const same: Condition = {
    type: 'and',
    of: [
      { type: 'period', from: year, to: year },
      { type: 'not', of: { type: 'partner', ids: [id] } },
    ],
  };
  return condition ? { type: 'and', of: [condition, same] } : same;
}

/**
 * "going back to the first list – which one was signed most recently?", "z pierwszej listy",
 * "della prima lista": a rank right before a list word names a list shown, counted from the first
 * one the conversation keeps. Those words rank no partner and ask for no list.
 */
function listByRank(
  u: Understanding,
  context: ClauseContext,
): { understanding: Understanding; referred: ReferredList } | undefined {
  if (!u.cues.get('list_partners')) return undefined;
  // "il penultimo in ordine di firma": a list word inside an order phrase orders, it names no list
  const orders = spansOf(u.spans, 'order');
  const listWords = spansOf(u.spans, 'cue').filter(
    (cue) => cue.cue === 'list_partners' && !orders.some((order) => order.start <= cue.start && order.end >= cue.end),
  );
  const rank = spansOf(u.spans, 'ordinal').find(
    (span) => typeof span.rank === 'number' && listWords.some((word) => word.start === span.end),
  );
  if (!rank || typeof rank.rank !== 'number') return undefined;
  const lists = [context.shown, ...(context.recent ?? [])].filter((list) => list.length > 0);
  // "della penultima lista": counted back from the newest
  const ago = rank.rank < 0 ? -rank.rank - 1 : lists.length - rank.rank;
  const ids = lists[ago];
  if (!ids) return undefined;
  const end = rank.end + 1;
  const naming = (span: Span) =>
    span.start >= rank.start && span.end <= end && ['order', 'ordinal', 'cue', 'question'].includes(span.kind);
  // the words name a list shown, as "those" would
  const reference: Span = { kind: 'reference', start: rank.start, end };
  const spans = [...u.spans.filter((span) => !naming(span)), reference].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const order = spansOf(spans, 'order')[0]?.order;
  const cues = new Map(u.cues);
  cues.set('list_partners', (cues.get('list_partners') ?? 1) - 1);
  return {
    understanding: { ...u, spans, order, cues, residue: Math.max(0, u.residue - (end - rank.start)) },
    referred: { ids: [...ids], ago, at: rank.start },
  };
}

/** Once the words naming a list are taken out, nothing is left that asks or narrows ("tornando alla prima lista,"). */
function asksNothingElse(u: Understanding): boolean {
  const asking = new Set<Span['kind']>([
    'cue',
    'order',
    'ordinal',
    'country',
    'area',
    'year',
    'partner',
    'number',
    'school',
  ]);
  return !u.spans.some((span) => asking.has(span.kind) && !(span.kind === 'cue' && span.cue === 'partnership'));
}

/** A list the clause names by its size ("back to the four", "z tych trzech", "delle due"). */
interface ReferredList {
  ids: string[];
  /** Where the count stands in the message. */
  at: number;
  /** How many lists before the last one it was shown (0: the last); absent when pieced from the partners talked about. */
  ago?: number;
}

/**
 * "back to the four – the second one", "a który z tych trzech…", "quale delle due…": a count that
 * picks nothing refers to the list of that size shown lately. With no such list, the last partners
 * talked about one by one make it up ("Pescantina… Dasing… quale delle due è più lontana?").
 */
function referredList(u: Understanding, context: ClauseContext): ReferredList | undefined {
  const top = topCount(u);
  const schools = spansOf(u.spans, 'school');
  const lists = [context.shown, ...(context.recent ?? [])];
  const anchors = [...spansOf(u.spans, 'order'), ...spansOf(u.spans, 'ordinal')];
  // "back to the four – the second one": a break parts the count from the rank, so it counts no pick
  const parted = (number: { end: number }) =>
    anchors.some((anchor) => anchor.start >= number.end) &&
    u.breaks.some(
      (mark) =>
        mark.at >= number.end && anchors.every((anchor) => anchor.start < number.end || mark.at <= anchor.start),
    );
  // "e gli altri due?", "the other two": the count tells how many others, it names no list
  const others = spansOf(u.spans, 'other');
  const countsOthers = (one: { start: number; end: number }) =>
    others.some((other) => other.end === one.start || one.end === other.start);
  const [number] = spansOf(u.spans, 'number').filter(
    (one) =>
      one.count >= 2 &&
      !schools.some((school) => school.start === one.start) &&
      !countsOthers(one) &&
      (one.count !== top || (parted(one) && lists.some((list) => list.length === one.count))),
  );
  if (!number) return eachTalkedAbout(u, lists);
  const at = lists.findIndex((list) => list.length === number.count);
  const list = lists[at];
  if (list) return { ids: [...list], ago: at, at: number.start };
  const talkedAbout: string[] = [];
  // "porównaj ją z tą z Berdyczowem – w obu…": the one shown last and those the message's lead-in names come first
  const [shownLast = [], ...before] = lists;
  for (const id of [...shownLast, ...context.story, ...before.flat()]) {
    if (!talkedAbout.includes(id)) talkedAbout.push(id);
    if (talkedAbout.length === number.count) return { ids: talkedAbout, at: number.start };
  }
  return undefined;
}

/**
 * "how far is each of them?" after Berdychiv, then Kirov: "each" asks of every partner talked about
 * one by one since the last list, not only the last one named.
 */
function eachTalkedAbout(u: Understanding, lists: readonly (readonly string[])[]): ReferredList | undefined {
  const [each] = spansOf(u.spans, 'each');
  if (!each || u.partners.length > 0) return undefined;
  // after a list or a comparison ("which is older, Kirov or Berdychiv?") "each" is each one shown
  const [last] = lists;
  if (last && last.length > 1) return { ids: [...last], ago: 0, at: each.start };
  const talkedAbout: string[] = [];
  for (const list of lists) {
    if (list.length !== 1) break;
    const [id] = list;
    if (id && !talkedAbout.includes(id)) talkedAbout.push(id);
  }
  return talkedAbout.length > 1 ? { ids: talkedAbout.reverse(), at: each.start } : undefined;
}

/** A query read against a list shown before: its "shown-last" subject points back at that list. */
function onList(query: Query, referred: ReferredList): Query {
  if (query.subject.type !== 'shown-last' || referred.ago === 0) return query;
  const subject: Subject = referred.ago
    ? { type: 'shown-last', ago: referred.ago }
    : { type: 'named', ids: referred.ids };
  return { ...query, subject };
}

function facetsAsked(understanding: Understanding): number {
  const orders = spansOf(understanding.spans, 'order');
  const asked = new Set(
    spansOf(understanding.spans, 'cue')
      .filter((cue) => !orders.some((order) => cue.start >= order.start && cue.end <= order.end))
      .map((cue) => cue.cue)
      .filter((cue): cue is Facet => (FACET_CUES as readonly string[]).includes(cue)),
  );
  return asked.size;
}

function readClause(knowledge: Knowledge, u: Understanding, context: ClauseContext): Query {
  const negated = negatedPartnerStarts(u);
  const anchors = anchoredPartners(knowledge, u);
  const asker = askersOwnTown(u);
  const named = unique(
    spansOf(u.spans, 'partner')
      .filter((span) => !negated.has(span.start) && !anchors.has(span.start) && span.start !== asker)
      .map((span) => span.id),
  );
  // "a jakie inne miasta…", "quali altre città… oltre alla nostra": all but the partner talked about
  const read = inFocusYear(
    knowledge,
    u,
    context,
    withAskersCountry(
      u,
      context,
      withoutFacetWords(
        u,
        conditionOf(knowledge, u, () => false),
      ),
    ),
  );
  // "…jest mowa o pomocy w organizacji obozów sportowych?": of the partners in that area, the one
  // whose agreement says so
  const described =
    named.length === 0 && positive(read, 'area').length > 0
      ? agreementPartner(
          knowledge,
          plainWords(knowledge, u.reading, (at) => at >= u.range.start && at < u.range.end, false),
          u.language,
          1,
        )
      : undefined;
  // ("…la collaborazione comprende lo sport?": a word shared by chance with an agreement outside the
  // area narrows nothing)
  const describedPartner = described ? knowledge.partnersById.get(described) : undefined;
  const inArea = describedPartner !== undefined && read !== undefined && meets(describedPartner, read, knowledge);
  const stated: Condition | undefined =
    described && read && inArea ? { type: 'and', of: [read, { type: 'partner', ids: [described] }] } : read;
  // "And the others?" after three, "quali altre… oltre alla nostra": all but the ones talked about;
  // "any other German partner?" when Dasing is the only one keeps Dasing rather than answer nothing
  const negationWords = spansOf(u.spans, 'negation');
  const apartFrom = negationWords.length > 0 && negationWords.some((negation) => negatesReference(u, negation));
  // "quali altri ambiti copre?": other areas of the same agreement, not other partners ("oprócz nas
  // współpracują", a phrase of its own, still means other partners)
  // "si chiamava in un altro modo", "under another name": an "other" inside a facet's phrase is that phrase's
  const facetPhrases = spansOf(u.spans, 'cue').filter((cue) => cue.cue !== 'partnership' && cue.end - cue.start > 1);
  const otherWords = spansOf(u.spans, 'other').filter(
    (other) => !facetPhrases.some((cue) => cue.start <= other.start && cue.end >= other.end),
  );
  const otherPartners =
    otherWords.length === 0
      ? otherWords
      : otherWords.filter(
          (other) =>
            other.end - other.start > 1 ||
            // ("e l'altra, cosa prevede?": past a comma the facet is asked of the other partner)
            !spansOf(u.spans, 'cue').some(
              (cue) =>
                cue.start === other.end &&
                (FACET_CUES as readonly string[]).includes(cue.cue) &&
                !u.breaks.some((mark) => mark.at === other.end),
            ),
        );
  const others = (otherPartners.length > 0 || apartFrom) && named.length === 0;
  const talkedAbout = (context.partners.length > 0 ? context.partners : context.story).filter((id) =>
    knowledge.partnersById.has(id),
  );
  const some = talkedAbout.length > 0 && talkedAbout.length < knowledge.chronological.length;
  const remaining = knowledge.chronological.filter(
    (partner) => !talkedAbout.includes(partner.id) && (!stated || meets(partner, stated, knowledge)),
  );
  // "a reszta?" then "w czym współpracują te pozostałe": the others again are the same others, not the first ones
  const othersBefore = others ? leftOutBefore(context.lastQuery?.condition) : undefined;
  const beside =
    others && some && (!namesCountryOrPeriod(u) || remaining.length > 0) ? (othersBefore ?? talkedAbout) : [];
  const without: Condition | undefined =
    beside.length > 0 ? { type: 'not', of: { type: 'partner', ids: [...beside] } } : undefined;
  const condition: Condition | undefined =
    without && stated ? { type: 'and', of: [stated, without] } : (without ?? stated);
  const order = orderOf(u);
  // "closer than 400 km" bounds a list; its "km" asks no distance
  const facet = hasDistance(condition) && facetOf(u) === 'distance' ? undefined : facetOf(u);
  // "only the EU ones please" after a list keeps those of the list shown
  const restricts =
    spansOf(u.spans, 'only').length > 0 &&
    Boolean(condition) &&
    context.intent === 'list_partners' &&
    context.shown.length > 1;
  const references = spansOf(u.spans, 'reference').length > 0 || restricts;
  const contextPartners = context.partners.filter((id) => knowledge.partnersById.has(id));
  const shown = context.shown.filter((id) => knowledge.partnersById.has(id));
  const lastIntent = context.intent;
  const top = topCount(u, context.listCountAt);
  const ordinal = ordinalOf(u);
  const ofAll = spansOf(u.spans, 'whole').length > 0;
  const fromShown = lastIntent === 'list_partners' && shown.length > 1 && (u.followUp || u.residue <= 5) && !ofAll;

  const base = (ask: Ask, subject: Subject, confidence: number, extra: Partial<Query> = {}): Query => {
    const query: Query = { ask, subject, confidence, understanding: u };
    if (condition) query.condition = condition;
    if (order) query.order = order;
    for (const [key, value] of Object.entries(extra)) {
      if (value === undefined) delete (query as unknown as Record<string, unknown>)[key];
      else (query as unknown as Record<string, unknown>)[key] = value;
    }
    return query;
  };
  const talk = (intent: TalkIntent, confidence: number, extra: Partial<Query> = {}) =>
    base({ type: 'talk', intent }, { type: 'all' }, confidence, extra);
  const asFacet = (which: Facet, ids: readonly string[], confidence: number, extra: Partial<Query> = {}) =>
    base({ type: 'facet', facet: which }, { type: 'named', ids: [...ids] }, confidence, extra);
  const list = (confidence: number, extra: Partial<Query> = {}) =>
    base({ type: 'list' }, { type: 'all' }, confidence, extra);
  /** A superlative or top-k over the chosen partners. */
  const pickOf = (): Pick | undefined => {
    if (top) return { type: 'top', k: top };
    const rank = spansOf(u.spans, 'ordinal').find(
      (span) => !spansOf(u.spans, 'order').some((order) => order.start === span.start),
    )?.rank;
    if (typeof rank === 'number' && (rank > 1 || rank < 0)) return { type: 'nth', n: rank };
    if (superlative(u)) return { type: 'first' };
    return undefined;
  };

  if (u.tokens.length === 0) return talk('unknown', 0);

  if (u.ambiguous.length > 0 && named.length === 0) {
    return asFacet(facet ?? 'partner_info', [], 0.4, { ambiguous: u.ambiguous });
  }

  if (u.picture) {
    return named.length > 0 ? asFacet('partner_info', named, 0.9) : list(0.9);
  }

  // "altri gemellaggi in Italia o solo Pescantina?", "other partners in Italy or only us from Pescantina?":
  // the partner named after "only" is who the others are besides; the list of that country answers
  const onlyWords = spansOf(u.spans, 'only');
  const besideNamed =
    otherPartners.length > 0 &&
    onlyWords.length > 0 &&
    named.length > 0 &&
    spansOf(u.spans, 'partner').every((span) => onlyWords.some((only) => only.end <= span.start)) &&
    otherPartners.every((other) => onlyWords.every((only) => other.end <= only.start));
  if (besideNamed && stated && !facet) return list(0.75, { condition: stated });

  const hasFilter = Boolean(condition || order);
  const asksList = has(u, 'list_partners');
  // "ile km?", "quanti km?" ask a distance, not a count
  // "how many schools?", "ile ma szkół?", "quante scuole?" count the institutions, a facet of the partner
  const countCues = spansOf(u.spans, 'cue').filter((cue) => cue.cue === 'count_partners');
  const countsInstitutions =
    facet === 'institutions' &&
    countCues.every((count) =>
      spansOf(u.spans, 'cue').some(
        (cue) => cue.cue === 'institutions' && cue.start >= count.end && cue.start - count.end <= 1,
      ),
    );
  const counts = has(u, 'count_partners') && facet !== 'distance' && !countsInstitutions;
  // "…parlato di città gemellate. Quante sono?": the count is of what the message speaks about
  // ("Potreste dirci quante sono?": the words of the request around the count are no other subject)
  const countsTopic = Boolean(context.topic) && (u.residue <= 3 || wordsOutsideSpans(u) <= TOPIC_COUNT_WORDS);
  const asksCount = counts && (asksList || hasFilter || has(u, 'partnership') || references || countsTopic);

  // "che tempo fa a Pescantina?", "pociąg do Wołkowyska?": another subject, even about a partner town
  // "how far is Lublin from Siedlce by car": a trip between two towns, neither a partner
  const trip = facet === 'distance' && named.length === 0 && u.places.length > 0;
  const offTopic =
    has(u, 'unknown') &&
    (!facet || trip) &&
    !asksList &&
    !has(u, 'count_partners') &&
    !has(u, 'partnership') &&
    !has(u, 'partner_info') &&
    !has(u, 'overview');
  if (offTopic) return talk('unknown', 0.7);
  // "Is Vawkavysk the nearest partner?", "czy Kirów to najdalsze miasto partnerskie?": the superlative
  // picks among all partners, and the one it names answers whether it is the one named
  // (the superlative ends the clause or names the partnership: "czy nasze miasto dalej jest partnerem"
  // says "still", it asks no rank)
  const rankNamed = spansOf(u.spans, 'order').some(
    (span) =>
      span.end === u.range.end ||
      u.spans.some((next) => next.start === span.end && (next.kind === 'home' || next.kind === 'cue')),
  );
  const whetherItIs =
    named.length === 1 &&
    superlative(u) &&
    rankNamed &&
    has(u, 'partnership') &&
    !facet &&
    !asksList &&
    !counts &&
    // ("czy Kirów to najdalsze…": "to" right after the name is the verb, it points at nothing)
    !spansOf(u.spans, 'reference').some((span) => !spansOf(u.spans, 'partner').some((one) => one.end === span.start)) &&
    ordinal === undefined &&
    spansOf(u.spans, 'ours').length === 0;
  if (whetherItIs) return list(0.75, { condition: undefined, pick: { type: 'first' } });

  // "Was it before or after Dasing?", "è stato prima o dopo Dasing?" of the partner talked about:
  // both signing dates, which answer the comparison
  const [focus] = contextPartners.length === 1 ? contextPartners : [];
  const datesOnly = !facet || facet === 'signing_date';
  const against = focus && !asksList && !counts && datesOnly ? partnersAfterPeriodWords(knowledge, u) : [];
  if (focus && against.length > 0 && !against.includes(focus) && (references || isFacet(lastIntent))) {
    return asFacet('signing_date', [focus, ...against], 0.8, noFilter);
  }
  // "is Kirov farther than Berdychiv?", "czy Kirów jest dalej niż Berdyczów?", "ed è più lontana di
  // Sabinov?" of the one in focus: the distance (or date) of both answers the comparison
  const comparedTo = asksList || counts ? undefined : comparedAgainst(u, anchors);
  const ofFocus = named.length === 0 && (references || (u.followUp && isFacet(lastIntent)));
  const [comparedOne] = named.length === 1 ? named : ofFocus && focus ? [focus] : [];
  if (comparedTo && comparedOne && !comparedTo.ids.includes(comparedOne)) {
    return asFacet(comparedTo.facet, [comparedOne, ...comparedTo.ids], 0.8, noFilter);
  }
  // "Która umowa jest starsza: z Berdyczowem czy z Kirowem?": the lead-in before the colon says what compares them
  const toldComparison =
    !order && !facet && named.length > 1 && offersChoice(u) ? orderOfCue(context.storyOrder) : undefined;
  // "Dasing o Pescantina: quale è più lontana?", "I've been to Dasing and Sabinov. Which is older?": the
  // partners the lead-in named are what the superlative picks among (unless it ranks "the partner")
  const amongTold =
    named.length === 0 &&
    !has(u, 'partnership') &&
    !facet &&
    !asksList &&
    superlative(u) &&
    top === undefined &&
    context.story.length > 1 &&
    comparison(u, []) === undefined;
  if (amongTold) {
    return base({ type: 'list' }, { type: 'named', ids: [...context.story] }, 0.75, {
      condition: undefined,
      pick: { type: 'first' },
    });
  }
  if (toldComparison) {
    return base({ type: 'list' }, { type: 'named', ids: [...named] }, 0.8, {
      condition: undefined,
      order: toldComparison,
      pick: { type: 'first' },
    });
  }
  if (named.length > 0) {
    const sure = u.fuzzy ? 0.75 : 0.95;
    // "which one is farther away, Dasing or Berdychiv?": the facet of the comparison's own dimension is what it compares
    const compared =
      facet && facet !== FACET_OF_ORDER[order?.by ?? 'date']
        ? undefined
        : comparison(u, withFocusCompared(u, named, focus));
    if (compared) return base({ type: 'list' }, compared, 0.85, { condition: undefined, pick: { type: 'first' } });
    // "compare it with Berdychiv – is there sport in both?": the one named and the one in focus
    const both = withFocusCompared(u, named, focus);
    if (facet) return asFacet(facet, both, sure, { condition: undefined, order: undefined });
    if (asksCount && !references) return base({ type: 'count' }, { type: 'all' }, 0.6);
    if (has(u, 'partner_info')) return asFacet('partner_info', named, u.fuzzy ? 0.75 : 0.9, noFilter);
    // "che scambi ci sono con Dasing?", "sport with Sabinov?": an area asked of a partner is its cooperation
    const asksArea = positive(stated, 'area').length > 0 && (spansOf(u.spans, 'question').length > 0 || u.residue <= 6);
    if (asksArea && !asksList && !has(u, 'count_partners')) return asFacet('cooperation', both, 0.8, noFilter);
    // "con Sabinov", "do Pescantiny": a name and a preposition or two answer the question asked before
    // a country word beside the name only describes it ("the Russian one, Kirov")
    const describing = spansOf(u.spans, 'country').reduce((sum, span) => sum + span.end - span.start, 0);
    const nameOnly = u.residue - describing <= 2 && spansOf(u.spans, 'cue').length === 0;
    // "Chodzi mi o porozumienie z gminą Dasing.": a statement naming the partner the question waits for
    const answersWaiting = Boolean(context.pending) && spansOf(u.spans, 'question').length === 0 && !asksCount;
    const continues = u.followUp || u.residue === 0 || nameOnly || (references && u.residue <= 2) || answersWaiting;
    const carried = context.pending ?? (isFacet(lastIntent) && contextPartners.length > 0 ? lastIntent : undefined);
    // "and Kirov, is it also a partner?": whether the one named is a partner asks its card, not the last facet
    const asksWhetherPartner = has(u, 'partnership') && references && !context.pending;
    if (continues && carried && !asksWhetherPartner) return asFacet(carried, both, 0.85, noFilter);
    return asFacet('partner_info', named, u.fuzzy ? 0.75 : 0.9, noFilter);
  }

  // "and outside?", "a poza?": the last condition, turned around, over what it was asked of;
  // "and the one that isn't – how far is it?" asks a facet of those
  const negationAlone = spansOf(u.spans, 'negation').length > 0 && !condition && named.length === 0;
  const lastQuery = context.lastQuery;
  const lastCondition = lastQuery?.condition;
  if (negationAlone && lastQuery && lastCondition && (u.followUp || references || u.residue <= 3)) {
    const turned: Condition = lastCondition.type === 'not' ? lastCondition.of : { type: 'not', of: lastCondition };
    const ask: Ask = facet
      ? { type: 'facet', facet }
      : lastQuery.ask.type === 'count'
        ? { type: 'count' }
        : { type: 'list' };
    return base(ask, turnedSubject(lastQuery.subject, context), 0.75, { condition: turned });
  }

  // "ci sono altre scuole … con altre città partner?": the institutions of the other partners that have one
  if (facet === 'institutions' && without && !counts && !superlative(u)) {
    const kind = institutionKindAsked(u);
    const having: Condition = kind ? { type: 'institution', kind } : { type: 'institution' };
    return base({ type: 'facet', facet }, { type: 'all' }, 0.75, {
      condition: { type: 'and', of: [without, having] },
      order: undefined,
    });
  }

  // "E per l'altra?", "and for the other one?", "a pozostałe, jak daleko?": the facet asked last (or
  // this one) for the rest of the list shown, or for every other partner when only those were shown;
  // "any other partnership about sport?" asks which others, a list
  const carriedFacet = facet ?? (isFacet(lastIntent) ? lastIntent : undefined);
  if (
    beside.length > 0 &&
    carriedFacet &&
    !stated &&
    !asksList &&
    !counts &&
    !superlative(u) &&
    ordinal === undefined
  ) {
    const rest = shown.filter((id) => !beside.includes(id));
    const subject: Subject = rest.length > 0 ? { type: 'shown-last' } : { type: 'all' };
    return base({ type: 'facet', facet: carriedFacet }, subject, 0.75, { order: undefined });
  }

  // "jakie szkoły z nim współpracują?": "him" is the partner just talked about, whatever else the words say
  const inFocus = contextPartners.length > 0 && contextPartners.length <= 2 && !positive(condition, 'country').length;
  // "quella slovacca cosa fa con Siedlce?", "a to na Słowacji od kiedy?": the facet of the partner there
  const countryPartners = inCountriesOf(knowledge, condition);
  // "what is the Ukrainian partnership about?": the one partnership there, asked what it covers
  const onePartnership = facet === 'cooperation' && has(u, 'partnership') && positive(condition, 'area').length === 0;
  const pointsAtCountry = references || u.followUp || Boolean(context.pending) || isFacet(lastIntent) || onePartnership;
  if (
    facet &&
    countryPartners.length === 1 &&
    pointsAtCountry &&
    !asksList &&
    !superlative(u) &&
    (!has(u, 'count_partners') || countsInstitutions)
  ) {
    return asFacet(facet, countryPartners, 0.8, noFilter);
  }
  // "Is sport part of the agreement too?" about the one partner in focus: its cooperation
  const areaOnly = positive(condition, 'area').length > 0 && !positive(condition, 'country').length;
  // "Czy z tym miastem była też jakaś akcja z książkami?" after one partner was shown: the same
  const atTheOne = references && !asksWhichOf(u) && (shown.length <= 1 || (isFacet(lastIntent) && !asksList));
  if (
    areaOnly &&
    ((!references && isFacet(lastIntent)) || atTheOne) &&
    beside.length === 0 &&
    contextPartners.length === 1 &&
    !asksList &&
    !superlative(u) &&
    !has(u, 'count_partners') &&
    (!facet || facet === 'cooperation')
  ) {
    return asFacet('cooperation', contextPartners, 0.75, noFilter);
  }
  // "I study in Kirov… Is education part of the agreement?": the agreement of the one partner the story is about
  const storyAgreement =
    areaOnly && contextPartners.length === 0 && context.story.length === 1 && has(u, 'partnership');
  if (
    storyAgreement &&
    beside.length === 0 &&
    !asksList &&
    !asksWhichOf(u) &&
    !superlative(u) &&
    !has(u, 'count_partners') &&
    (!facet || facet === 'cooperation')
  ) {
    return asFacet('cooperation', context.story, 0.7, noFilter);
  }
  const focusFacet = facet ?? (has(u, 'partner_info') ? 'partner_info' : undefined);
  // "quali di queste fanno sport?": which of the list shown, not the one partner in focus
  // after answers about one partner, "does it cover sports too?" asks about that one, not which of the list
  const onOne = isFacet(lastIntent) && contextPartners.length === 1 && !asksList && !asksWhichOf(u);
  const whichOfShown =
    shown.length > 1 &&
    references &&
    spansOf(u.spans, 'question').length > 0 &&
    Boolean(condition) &&
    !onOne &&
    (asksWhichOf(u) || !has(u, 'partner_info'));
  if (whichOfShown && (!facet || facet === 'cooperation') && ordinal === undefined && !has(u, 'count_partners')) {
    return base({ type: 'list' }, { type: 'shown-last' }, 0.8);
  }
  // "which of them have schools involved?", "is a cultural institution involved in either case?": the
  // institutions of those of the list shown that have such an institution
  const institutionKind = institutionKindAsked(u);
  const whichInstitutions =
    facet === 'institutions' &&
    !counts &&
    u.schoolNumbers.length === 0 &&
    u.institutionPartners.length === 0 &&
    shown.length > 1 &&
    // ("and which one has schools involved?" after one of two was picked: which of the two)
    (contextPartners.length > 1 || asksWhichOf(u)) &&
    (references || (u.followUp && spansOf(u.spans, 'question').length > 0)) &&
    (institutionKind !== undefined || spansOf(u.spans, 'question').length > 0) &&
    ordinal === undefined &&
    !superlative(u);
  // "Which schools take part in the cooperation with those cities?" asks the schools of each of them
  const asksInstitutionsOfThem = asksFacetItself(u, 'institutions') && !asksWhichOf(u);
  if (whichInstitutions) {
    const has: Condition = institutionKind ? { type: 'institution', kind: institutionKind } : { type: 'institution' };
    return base({ type: 'facet', facet: 'institutions' }, { type: 'shown-last' }, 0.8, {
      condition: asksInstitutionsOfThem ? undefined : has,
      order: undefined,
    });
  }
  // "Quali sono gli obiettivi dell'accordo con questa città?": "quali sono" asks the facet, not a list
  // ("quali sono i settori di cooperazione": "cooperazione" names the facet, not partnerships to list)
  const facetWords = spansOf(u.spans, 'cue').filter((cue) => cue.cue === facet);
  const partnershipWords = spansOf(u.spans, 'cue').filter(
    (cue) => cue.cue === 'partnership' && !facetWords.some((word) => word.start === cue.start && word.end === cue.end),
  );
  const listOfFacet = asksList && Boolean(facet) && (partnershipWords.length === 0 || references);
  if (
    focusFacet &&
    references &&
    inFocus &&
    !asksCount &&
    (!asksList || listOfFacet) &&
    !superlative(u) &&
    ordinal === undefined &&
    u.institutionPartners.length === 0 &&
    u.schoolNumbers.length === 0 &&
    // "to jest to samo co Wilno?": what it is, beside a real place, asks about that place
    !(focusFacet === 'partner_info' && u.places.length > 0)
  ) {
    return asFacet(focusFacet, contextPartners, 0.85, noFilter);
  }
  // "Proszę o daty podpisania tych porozumień", "what do those cooperate on?": the facet of each
  // partner of the list just shown
  const ofThose =
    facet !== undefined &&
    references &&
    !asksWhichOf(u) &&
    lastIntent === 'list_partners' &&
    contextPartners.length > 1 &&
    contextPartners.join() === shown.join() &&
    !order &&
    !condition &&
    !counts &&
    !superlative(u) &&
    ordinal === undefined &&
    u.schoolNumbers.length === 0 &&
    u.institutionPartners.length === 0;
  if (ofThose) return base({ type: 'facet', facet }, { type: 'shown-last' }, 0.8, noFilter);

  if (u.institutionPartners.length > 0) return asFacet('institutions', u.institutionPartners, 0.9, noFilter);
  if (u.schoolNumbers.length > 0) {
    const [number] = u.schoolNumbers;
    return base({ type: 'facet', facet: 'institutions' }, { type: 'all' }, 0.9, {
      condition: { type: 'school', number: number ?? 0 },
    });
  }

  const asksAboutPlace =
    Boolean(facet) || has(u, 'partnership') || has(u, 'partner_info') || u.tokens.length <= 3 || u.followUp;
  const [place] = u.places;
  if (place && asksAboutPlace) return talk('not_a_partner', 0.9, { place });
  // "I'm from Vilnius, is my city a partner?": the asker's own town is the subject
  // "… Berdyczów jest partnerem Siedlec. Czy on ma rację?": whether the story's claim holds
  const whether = has(u, 'partnership') || has(u, 'partner_info');
  // "I'm from Sabinov. Which partnership is the oldest?": the oldest or newest partnership is picked
  // among all of them ("czy nasze miasto dalej jest partnerem": 'dalej' is also 'still')
  // "qual è la città gemellata più lontana?" after a story about Pescantina: the farthest of all too
  const picksPartnership =
    superlative(u) && (order?.by === 'date' || (spansOf(u.spans, 'ours').length === 0 && !references));
  const aboutStory = whether && !asksList && !facet && !condition && !asksCount && !picksPartnership;
  // "Sono di Bussolengo, a due passi da Pescantina. Anche il mio comune è gemellato?": "my town" is the
  // asker's own town, no partner, whatever partner the story names beside it
  const [ownTown] = context.storyPlaces ?? [];
  const asksOfOwnTown = aboutStory && spansOf(u.spans, 'ours').length > 0 && !context.askerPartner;
  if (ownTown && asksOfOwnTown && u.places.length === 0) return talk('not_a_partner', 0.75, { place: ownTown });
  // "…sostiene che anche Bussolengo sia gemellata con Siedlce, non solo Pescantina. È vero?": the claim is the town's
  const claimed = context.claimedPlace;
  if (claimed && aboutStory && u.places.length === 0 && named.length === 0) {
    return talk('not_a_partner', 0.7, { place: claimed });
  }
  if (aboutStory && context.story.length > 0 && u.places.length === 0) {
    return asFacet('partner_info', context.story, 0.75, noFilter);
  }
  const [home] = context.storyPlaces ?? [];
  const aboutHome = whether && (!asksList || references) && !facet && !condition && context.story.length === 0;
  // "…he says the partner of Siedlce there is not the city itself but the region around it. Is this
  // right?": the story put a partner near the place; whether that holds is the partner's card
  const partnerNear =
    home && (context.nearCountries ?? []).includes(home.country)
      ? partnersMeeting(knowledge, { type: 'country', codes: [home.country] })
      : [];
  if (home && aboutHome && partnerNear.length === 1) return asFacet('partner_info', partnerNear, 0.7, noFilter);
  if (home && aboutHome) return talk('not_a_partner', 0.75, { place: home });
  const [unknownName] = u.unknownNames;
  if (unknownName && asksAboutPlace && !hasFilter && !asksList && !references) {
    return talk('not_a_partner', 0.6, { unknownName });
  }
  // "…ghe ze na cita tedesca gemela. Come la se ciama?": which partner the story spoke of
  const told = context.partnerCountries ?? [];
  const asksWhich = asksList || spansOf(u.spans, 'question').length > 0;
  const plain = !condition && !facet && !counts && !superlative(u) && ordinal === undefined && !has(u, 'overview');
  // "…una scheda sulla città bielorussa partner di Siedlce. Qualche informazione su di essa?"
  const toldPartners = told.length > 0 ? partnersMeeting(knowledge, { type: 'country', codes: [...told] }) : [];
  if (toldPartners.length === 1 && references && has(u, 'partner_info') && !asksList && !condition && !facet) {
    return asFacet('partner_info', toldPartners, 0.75, noFilter);
  }
  // "…l'iniziativa «Regala dei libri alla biblioteca», parte di un accordo… Di quale città si tratta?"
  const whichCity = asksList && !counts && !superlative(u) && !condition;
  if (context.agreement && asksWhich && (plain || whichCity) && named.length === 0) {
    return list(0.7, { condition: { type: 'partner', ids: [context.agreement] } });
  }
  if (told.length > 0 && asksWhich && plain) {
    return list(0.75, { condition: { type: 'country', codes: [...told] } });
  }
  // "…we have to pick the one thats farthest from siedlce. which one is it?": the story's superlative picks
  const toldOrder = orderOfCue(context.storyOrder);
  if (toldOrder && asksWhich && plain && named.length === 0) {
    return list(0.7, { order: toldOrder, pick: { type: 'first' } });
  }
  if (u.japan) return talk('overview', 0.85);
  // "jakie szkoły współpracują z zagranicą?": the schools asked, "abroad" only says where
  const facetBeyondOverview = Boolean(facet) && facet !== 'cooperation';
  // "how many are there and which countries are they in?": the countries of the partners just counted
  // ("quante sono e in quali paesi si trovano?", "ile ich jest i w jakich krajach leżą": the verb alone
  // says "they", the partners the message's clause before counted or listed; "…and which countries
  // does Siedlce have contacts with?" asks the countries of the contacts)
  const ofPartnersBefore =
    (context.previous?.length ?? 0) > 1 &&
    (lastIntent === 'count_partners' || lastIntent === 'list_partners') &&
    named.length === 0 &&
    spansOf(u.spans, 'lieIn').length > 0;
  // "ta pierwsza to z jakiego kraju": the country of the one picked from the list, below
  const picksOne = ordinal !== undefined && shown.length > 1;
  // "quali sono le città gemellate e in quali paesi si trovano?": after a list, where each of them lies
  if (ofPartnersBefore && lastIntent === 'list_partners' && !condition && !facetBeyondOverview && !picksOne) {
    return base({ type: 'facet', facet: 'partner_info' }, { type: 'shown-last' }, 0.75, noFilter);
  }
  // "…like the closest one, and which country is it in?", "…e in che paese si trova?": where the one
  // partner just shown lies
  const whereShownOne =
    spansOf(u.spans, 'lieIn').length > 0 &&
    (references || context.previous?.length === 1) &&
    shown.length === 1 &&
    named.length === 0 &&
    !condition;
  if (whereShownOne && !facetBeyondOverview) return asFacet('partner_info', [...shown], 0.75, noFilter);
  if (
    has(u, 'overview') &&
    (references || ofPartnersBefore) &&
    !picksOne &&
    shown.length > 1 &&
    !condition &&
    !facetBeyondOverview
  ) {
    return list(0.75, { condition: { type: 'partner', ids: [...shown] } });
  }
  if (has(u, 'overview') && !asksList && !has(u, 'partnership') && !condition && !facetBeyondOverview && !picksOne) {
    return talk('overview', 0.85);
  }
  // "z jakimi krajami Siedlce utrzymują kontakty (nie tylko miasta partnerskie)?": beyond the partners
  if (has(u, 'overview') && !facetBeyondOverview && notOnlyPartners(u)) return talk('overview', 0.8);

  // What was shown, when the clause points at it: "the third one", "which of them…", "those in the EU".
  // "first" and "last" are also superlatives: after a list, without a word about partnerships, they pick from it.
  // "the second farthest": the ordinal ranks the superlative after it
  const ranksSuperlative = spansOf(u.spans, 'ordinal').some((span) =>
    spansOf(u.spans, 'order').some((order) => order.start >= span.end && order.start <= span.end + 1),
  );
  // "la prima, cosa fanno insieme?": "prima" is both "the first" and "the oldest"; asked a facet
  // right after a list, it is the first of that list
  const ordinalWord = spansOf(u.spans, 'order').every((order) =>
    spansOf(u.spans, 'ordinal').some((span) => span.start === order.start && span.end === order.end),
  );
  const facetOfRank = Boolean(facet) && ordinalWord && lastIntent === 'list_partners';
  // "which of them was signed first?": "signed" with a superlative asks which one, not a date
  const signedOnly = facet === 'signing_date' && !asksWhen(u) && spansOf(u.spans, 'dateWord').length === 0;
  const whichRanked = superlative(u) && signedOnly && asksWhichOf(u);
  // "the first one is in which country?", "la prima in che paese è?": where the one of that rank lies
  const asksWhereRanked = spansOf(u.spans, 'lieIn').length > 0 && lastIntent === 'list_partners';
  const picksShown =
    !ranksSuperlative &&
    !whichRanked &&
    !(context.unordered && superlative(u)) &&
    !ofAll &&
    ordinal !== undefined &&
    shown.length > 0 &&
    (!superlative(u) ||
      (shown.length > 1 &&
        (!has(u, 'partnership') || facetOfRank) &&
        !asksList &&
        spansOf(u.spans, 'order').length <= 1 &&
        (references || u.residue <= 4 || facetOfRank || asksWhereRanked))) &&
    (references || Boolean(facet) || !has(u, 'partnership'));
  const leansOnShown = shown.length > 1 && (references || picksShown);
  if (picksShown && ordinal !== undefined) {
    const pick: Pick =
      ordinal === 'last' || ordinal === 'middle'
        ? { type: ordinal }
        : top
          ? { type: 'top', k: top }
          : { type: 'nth', n: ordinal };
    const info = has(u, 'partner_info') ? 'partner_info' : undefined;
    const carried = facet ?? info ?? context.pending ?? (isFacet(lastIntent) ? lastIntent : undefined);
    const ask: Ask = { type: 'facet', facet: carried ?? 'partner_info' };
    // "the oldest?" then "e il secondo?": the next one of the same ranking, not the second of the one shown
    const ranking = rankingPickedFrom(context.lastQuery, shown);
    if (ranking && ordinal !== 'middle') {
      const again: Ask = carried || ranking.ask.type !== 'list' ? ask : { type: 'list' };
      return base(again, ranking.subject, 0.8, { pick, order: ranking.order, condition: ranking.condition });
    }
    return base(ask, { type: 'shown-last' }, 0.8, { pick, order: undefined });
  }

  // "i jakie to są?" after a count: "and", "which" and "they" ask for the same partners again
  const leaningWords = () =>
    new Set(
      [...spansOf(u.spans, 'question'), ...spansOf(u.spans, 'reference'), ...spansOf(u.spans, 'and')].flatMap((span) =>
        range(span.start, span.end),
      ),
    ).size;
  const bare = !condition && !facet && !superlative(u) && u.residue - leaningWords() <= 2;
  if (
    bare &&
    (lastIntent === 'count_partners' || lastIntent === 'list_partners') &&
    shown.length > 0 &&
    !counts &&
    (asksList || spansOf(u.spans, 'question').length > 0)
  ) {
    return base({ type: 'list' }, { type: 'shown-last' }, 0.75);
  }

  if (asksCount) {
    // "ile to będzie tych ze szkołami?": a count of those of the list that have one
    const withInstitution: Partial<Query> =
      facet === 'institutions'
        ? { condition: institutionKind ? { type: 'institution', kind: institutionKind } : { type: 'institution' } }
        : {};
    if (references && shown.length > 0 && !ofAll)
      return base({ type: 'count' }, { type: 'shown-last' }, 0.85, withInstitution);
    return base({ type: 'count' }, { type: 'all' }, 0.9);
  }
  // "quante sono?" after a list counts that list; "quante sono in tutto?" counts them all
  if (counts && lastIntent === 'list_partners' && shown.length > 0) {
    return base({ type: 'count' }, ofAll ? { type: 'all' } : { type: 'shown-last' }, 0.7);
  }

  const inCountries = positive(condition, 'country').length > 0 ? partnersMeeting(knowledge, condition) : [];

  // "and which of them cooperate on sport?": the list just shown, narrowed
  // "From those, the farthest one – what is agreed with it?": a pick, then its cooperation asked
  const asksOfPick = facet === 'cooperation' && superlative(u) && !condition;
  // "entrambi hanno anche lo sport?", "w obu jest sport?": an area asked of a group counted, with no
  // question word asking which, is asked of each of them, not a narrower list
  const ofEachCounted =
    context.listCountAt !== undefined &&
    spansOf(u.spans, 'question').length === 0 &&
    positive(condition, 'area').length > 0 &&
    (!facet || facet === 'cooperation');
  const narrows =
    (!facet || (facet === 'cooperation' && !asksOfPick) || (facet === 'signing_date' && !asksWhen(u))) &&
    !ofEachCounted;
  if (ofEachCounted) return base({ type: 'facet', facet: 'cooperation' }, { type: 'shown-last' }, 0.75, noFilter);
  // after a facet answer, "ten słowacki" is that partner, asked the same; after a list it narrows it
  const onFacets = Boolean(context.pending) || isFacet(lastIntent);
  const answersPending = onFacets && !facet && !asksList && inCountriesOf(knowledge, condition).length > 0;
  const questions = spansOf(u.spans, 'question').length;
  const oneThere = inCountriesOf(knowledge, condition);
  // a bare "a to białoruskie?" after a list is that partner, not a narrower list; so is "that one in
  // Slovakia, where is it?"; "quella in Lituania fa anche sport?" asks its cooperation
  const afterFacet = Boolean(context.pending) || isFacet(lastIntent);
  const aboutIt = !questions || (has(u, 'partner_info') && !asksWhichOf(u));
  const areaAsked = positive(condition, 'area').length > 0;
  if (
    leansOnShown &&
    references &&
    !afterFacet &&
    !asksList &&
    (aboutIt || areaAsked) &&
    !facet &&
    oneThere.length === 1 &&
    !superlative(u)
  ) {
    return asFacet(areaAsked ? 'cooperation' : 'partner_info', oneThere, 0.75, noFilter);
  }
  // "ten późniejszy – gdzie dokładnie jest?": the card of the one picked, not only its rank
  const asksWhere = spansOf(u.spans, 'where').length > 0;
  const ofShown = fromShown || (references && shown.length > 1 && lastIntent === 'list_partners' && !ofAll);
  if (asksWhere && superlative(u) && !facet && !asksList && top === undefined) {
    return base({ type: 'facet', facet: 'partner_info' }, ofShown ? { type: 'shown-last' } : { type: 'all' }, 0.8, {
      pick: pickOf() ?? { type: 'first' },
    });
  }
  // "…negli anni '90?" then "e quelli degli anni 2000?": a condition of the same kind as the last
  // list's, asked with no question word, replaces it rather than narrowing what it showed
  const lastList = context.lastQuery?.ask.type === 'list' ? context.lastQuery : undefined;
  const replaces =
    lastList?.condition !== undefined &&
    condition !== undefined &&
    questions === 0 &&
    (!facet || (facet === 'signing_date' && !asksWhen(u))) &&
    !restricts &&
    sameKinds(condition, lastList.condition);
  if (replaces && lastList) {
    const pick = pickOf();
    return base({ type: 'list' }, lastList.subject, 0.75, pick ? { pick } : {});
  }
  // "…nell'UE e collaborano nello sport?" then "e fuori dall'UE?": the new condition takes the
  // place of the part of the same kind, the rest of the last list's condition stays
  const inPlace =
    lastList?.condition && condition && questions === 0 && !facet && !restricts && u.followUp
      ? replacedIn(lastList.condition, condition)
      : undefined;
  if (inPlace && lastList) return base({ type: 'list' }, lastList.subject, 0.75, { condition: inPlace });
  // "sort those by date": the list shown, in a new order
  // "ułóż od najbliższego", "sort by distance" right after a list: that list, too
  const resorts =
    Boolean(order) && (references || (lastIntent === 'list_partners' && !superlative(u) && u.residue - questions <= 4));
  // "and the other way round?", "a odwrotnie?", "e al contrario?": the last list in the order turned around
  const turned = lastList && shown.length > 1 && !condition && !facet ? turnedOrder(u, lastList.order) : undefined;
  if (turned && lastList) {
    const again = lastList.subject.type === 'shown-last' ? { type: 'shown-last' as const } : lastList.subject;
    return base({ type: 'list' }, again, 0.8, { condition: lastList.condition, order: turned, pick: undefined });
  }
  // "Which were signed between 1998 and 2001? Chronological order please.": the list just asked, sorted
  const sortsPrevious =
    Boolean(order) &&
    !superlative(u) &&
    !condition &&
    !facet &&
    (context.previous?.length ?? 0) > 1 &&
    lastIntent === 'list_partners';
  if (sortsPrevious) return base({ type: 'list' }, { type: 'shown-last' }, 0.8, { resorted: true });
  // "mettili in ordine di data": the last list asked again in that order, so its condition stays remembered
  if (resorts && !condition && !superlative(u) && !facet && lastList && shown.length > 1) {
    const again = lastList.subject.type === 'shown-last' ? { type: 'shown-last' as const } : lastList.subject;
    return base({ type: 'list' }, again, 0.8, { condition: lastList.condition });
  }
  if (
    leansOnShown &&
    (condition || asksList || superlative(u) || resorts) &&
    narrows &&
    !picksShown &&
    !answersPending
  ) {
    const pick = pickOf();
    return base({ type: 'list' }, { type: 'shown-last' }, 0.8, pick ? { pick } : {});
  }

  // "the four most distant partners, with their distances": a list that shows the facet
  const listsTop = asksList && top !== undefined;
  // "data podpisania najstarszej umowy", "the date of the oldest agreement": a date named asks it too
  const namesDate = spansOf(u.spans, 'dateWord').length > 0;
  if (facet && superlative(u) && !listsTop && (facet !== 'signing_date' || asksWhen(u) || namesDate)) {
    return base({ type: 'facet', facet }, leansOnShown ? { type: 'shown-last' } : { type: 'all' }, 0.85, {
      pick: pickOf() ?? { type: 'first' },
    });
  }

  if (facet === 'distance' && !superlative(u)) {
    if (leansOnShown && condition) return asFacet('distance', [], 0.8, { subject: { type: 'shown-last' } });
    if (inCountries.length > 0) return asFacet('distance', inCountries, 0.8, noFilter);
    const subject = contextPartners.length > 0 ? contextPartners : (context.previous ?? context.story);
    if (subject.length === 0)
      return asFacet(
        'distance',
        subject,
        0.7,
        ofAll ? { ...noFilter, ofEvery: true } : { ...noFilter, waits: 'distance' },
      );
    return asFacet('distance', subject, 0.8, noFilter);
  }

  // "a inne miasta z Ukrainy są też?": whether there are others there asks which partners are
  const othersThere = others && !facet && positive(stated, 'country').length > 0;
  // "and the one in Italy?", "z tym słowackim": the pending or previous question about the partner there
  const carried = context.pending ?? (isFacet(lastIntent) ? lastIntent : undefined);
  const countryWords = spansOf(u.spans, 'country').reduce((sum, span) => sum + span.end - span.start, 0);
  const short = u.residue - countryWords <= 3;
  // "Chodzi o porozumienie z miastem położonym na Słowacji.": no question of its own, it answers the one waiting
  const describes = Boolean(context.pending) && questions === 0 && !counts;
  // "e quella in Russia, qual è?" asks which partner that is: a list of one, not the facet again
  // ("what about the Russian one?", "a co z…": the question word of the lead-in asks nothing of its own)
  const leadEnd = Math.max(
    u.range.start,
    ...knowledge.followUp.at(u.reading.tokens, u.range.start).map((hit) => hit.end),
  );
  const ownQuestions = spansOf(u.spans, 'question').filter((question) => question.start >= leadEnd).length;
  const asksWhichOne = ownQuestions > 0 && !describes;
  if (
    (u.followUp || references || short || describes) &&
    !facet &&
    !asksWhichOne &&
    inCountries.length > 0 &&
    carried &&
    !asksList &&
    // ("e altre città italiane?" asks for others there, not the same question again)
    !others
  ) {
    // "quella in Lituania fa anche sport?": an area asked of the partner there is its cooperation
    // "ed è in Baviera, giusto?", "it's in Bavaria, right?": whether it lies there, its card
    const tagged = spansOf(u.spans, 'confirm').some((word) => word.end >= u.range.end);
    const asked = positive(condition, 'area').length > 0 ? 'cooperation' : tagged ? 'partner_info' : carried;
    return asFacet(asked, inCountries, 0.75, noFilter);
  }

  if (superlative(u) && !facet && fromShown && !condition) {
    return base({ type: 'list' }, { type: 'shown-last' }, 0.8, { pick: pickOf() ?? { type: 'first' } });
  }

  // "a jakie jest na Ukrainie?", "qual è la città italiana?": which partner is in that country
  // "Ho letto che la città ha dei gemellaggi: ce n'è qualcuno con l'Italia?": the message's topic asks
  const asking = questions > 0 || Boolean(context.topic);
  // "which are in the EU?": "EU" names the country group, it asks for no overview of countries
  const countryWordsOnly = spansOf(u.spans, 'cue')
    .filter((cue) => cue.cue === 'overview')
    .every((cue) =>
      spansOf(u.spans, 'country').some((country) => country.start <= cue.start && country.end >= cue.end),
    );
  const countryQuestion = asking && positive(condition, 'country').length > 0 && countryWordsOnly;
  // "Proszę o krótką informację o słowackim mieście partnerskim": the card of the one partner there
  // (a question word asking "is it true…" confirms, it asks for no card)
  const [card] = has(u, 'partner_info')
    ? spansOf(u.spans, 'cue').filter(
        (cue) =>
          cue.cue === 'partner_info' && !spansOf(u.spans, 'question').some((question) => question.start === cue.start),
      )
    : [];
  // "informazioni sulla città partner tedesca": the partner words after it name what the card is of
  const listedAfter = spansOf(u.spans, 'cue').every(
    (cue) => cue.cue !== 'list_partners' || (card && cue.start > card.start),
  );
  if (card && listedAfter && !facet && !counts && !superlative(u) && inCountries.length === 1 && !negationAlone) {
    return asFacet('partner_info', inCountries, 0.75, noFilter);
  }
  const aboutPartners = u.followUp || has(u, 'partnership') || contextPartners.length > 0 || Boolean(context.topic);
  if (!facet && countryQuestion && aboutPartners && u.residue - questions - countryWords <= 6) {
    // "Które miasto w Unii jest najdalej?": the superlative picks within the country
    const pick = pickOf();
    return list(0.75, pick ? { pick } : {});
  }

  // A filter alone makes a list only in a short message ("Germany?", "sport?"): in a longer one
  // without a word about partners, "polish" or "last" are more likely about something else.
  const filterAlone = !facet && u.residue <= 3;
  // "città a meno di 400 km": a distance bound is only ever put on partners; so is a filter turned
  // around ("wszystkie miasta oprócz tych z Ukrainy", "con scambio di giovani ma senza lo sport")
  const bounded = (hasDistance(stated) || hasNegation(stated)) && !facet;
  if (
    hasFilter &&
    (asksList || has(u, 'partnership') || facet === 'signing_date' || filterAlone || othersThere || bounded)
  ) {
    const pick = pickOf();
    return list(0.85, pick ? { pick } : {});
  }

  // "and which is the oldest?": a superlative alone picks, from the list just shown when there was one
  // "e le più vecchie, le prime tre?": the words of the pick do not make the clause longer
  // "a najstarsza w ogóle ze wszystkich?": nor do the words widening it to every partner
  // "e la più vicina a Siedlce qual è": nor the question words asking which it is
  const pickWords = [
    ...spansOf(u.spans, 'order'),
    ...spansOf(u.spans, 'ordinal'),
    ...spansOf(u.spans, 'number'),
    ...spansOf(u.spans, 'whole'),
    ...spansOf(u.spans, 'question'),
  ];
  const orderWords = new Set(pickWords.flatMap((span) => range(span.start, span.end))).size;
  const bareSuperlative = u.residue - orderWords <= 4;
  // "…wystawę o miastach partnerskich. Które z tych miast jest najdalej?": the message's topic names them
  const topical = Boolean(context.topic) && spansOf(u.spans, 'question').length > 0;
  if (superlative(u) && !facet && (fromShown || has(u, 'partnership') || asksList || bareSuperlative || topical)) {
    return base({ type: 'list' }, fromShown ? { type: 'shown-last' } : { type: 'all' }, 0.8, {
      pick: pickOf() ?? { type: 'first' },
    });
  }

  const inherited = context.previous && context.previous.length > 0 ? context.previous : undefined;
  if (facet && inCountries.length > 0 && !asksList) return asFacet(facet, inCountries, 0.8, noFilter);
  // "What does that agreement cover? Please list the areas.": the areas of the partner just asked about
  if (facet && inherited && (!asksList || listOfFacet)) return asFacet(facet, inherited, 0.85, noFilter);
  // after a list, "what about the schools?" asks of every partner, the way the facet reads best
  const afterList = lastIntent === 'list_partners' && contextPartners.length > 2;
  if (facet && afterList && !asksList) return base({ type: 'facet', facet }, { type: 'all' }, 0.75, noFilter);
  if (facet && contextPartners.length > 0 && !asksList) return asFacet(facet, contextPartners, 0.8, noFilter);
  // "dove si trova di preciso?", "was it called differently once?": the card of the one partner in focus
  // (a sentence that asks nothing, "Informacja jest potrzebna do…", is no question about it)
  const asksIt = questions > 0 || u.followUp || spansOf(u.spans, 'confirm').length > 0;
  const asksCard = has(u, 'partner_info') && asksIt && !facet && !condition && !counts && !superlative(u) && !asksList;
  if (asksCard && contextPartners.length === 1 && !has(u, 'overview')) {
    return asFacet('partner_info', contextPartners, 0.75, noFilter);
  }
  if (facet && context.story.length > 0 && !asksList) return asFacet(facet, context.story, 0.75, noFilter);
  const lands = context.storyLands ?? [];
  if (facet && lands.length === 1 && !asksList && contextPartners.length === 0) {
    return asFacet(facet, lands, 0.7, noFilter);
  }
  // "in quali di questi paesi ci sono città gemellate?": which partners, country by country
  // "lista miast partnerskich wraz z krajami": a list asked for, with the countries it shows anyway
  if (has(u, 'overview') && has(u, 'partnership') && (questions > 0 || asksList) && !facet) return list(0.75);
  if (has(u, 'overview') && !facetBeyondOverview) return talk('overview', 0.85);
  // "daty podpisania wszystkich umów", "when were all of them signed?": every partner is asked of, no one awaited
  const waits = asksList || ofAll ? undefined : facet;
  // "Kiedy podpisano umowę?" of nobody: every date, and the question waits for its partner
  if (facet === 'signing_date' && (waits || (ofAll && !asksList))) {
    return base({ type: 'facet', facet }, { type: 'all' }, waits ? 0.6 : 0.8, {
      waits,
      ofEvery: !waits,
      order: { by: 'date', direction: 'asc' },
    });
  }
  // "quali collaborano nello sport?": which partners cooperate in that area, a list
  const whichInArea = facet === 'cooperation' && questions > 0 && positive(condition, 'area').length > 0;
  if (facet === 'signing_date' || (asksList && facet === 'cooperation') || whichInArea) {
    return list(0.75, { order: { by: 'date', direction: 'asc' } });
  }
  if (facet === 'cooperation' || facet === 'institutions') {
    return base({ type: 'facet', facet }, { type: 'all' }, 0.75, { waits });
  }

  // "która umowa była druga z kolei?", "the third partnership": with no list shown, agreements rank by signing
  const rank = pickOf();
  const partnerWords = spansOf(u.spans, 'cue').filter((cue) => cue.cue === 'partnership');
  const ranksAgreement = spansOf(u.spans, 'ordinal').some((ordinal) =>
    partnerWords.some((word) => Math.abs(word.start - ordinal.end) <= 2 || Math.abs(ordinal.start - word.end) <= 2),
  );
  if (ranksAgreement && rank?.type === 'nth' && shown.length === 0) {
    return list(0.75, { order: { by: 'date', direction: 'asc' }, pick: rank });
  }
  if (asksList || has(u, 'partnership')) return list(0.8);
  // "…wystawę o miastach partnerskich. Jakie to są miasta?": "they" are the partners the message is about
  if (topical && references && !counts && shown.length === 0) return list(0.7);
  if (has(u, 'thanks')) return talk('thanks', 0.9);
  if (has(u, 'help')) return talk('help', 0.9);
  if (has(u, 'greeting')) return talk('greeting', 0.9);
  if (u.followUp && contextPartners.length > 0 && lastIntent) {
    if (isFacet(lastIntent)) return asFacet(lastIntent, contextPartners, 0.5);
    // "e per lo scambio di giovani?" after a list asks the list again with the new condition
    if (lastIntent === 'list_partners' || lastIntent === 'count_partners') {
      const subject: Subject = condition ? { type: 'all' } : { type: 'shown-last' };
      return base({ type: lastIntent === 'list_partners' ? 'list' : 'count' }, subject, 0.6);
    }
  }
  return talk('unknown', 0.2);
}

/**
 * "e le scuole coinvolte?": "scuole" asks for the institutions; the education area it also names
 * is the same word, not a filter on the partners.
 */
function withoutFacetWords(u: Understanding, condition: Condition | undefined): Condition | undefined {
  if (condition?.type !== 'area') return condition;
  const cues = spansOf(u.spans, 'cue').filter((cue) => cue.cue === 'institutions');
  const areas = spansOf(u.spans, 'area');
  const sameWords = areas.every((area) => cues.some((cue) => cue.start <= area.start && cue.end >= area.end));
  return areas.length > 0 && sameWords ? undefined : condition;
}

/** The kinds of atom a condition is built of (country, area, period…), "not" and "and" seen through. */
function kindsOf(condition: Condition): string[] {
  switch (condition.type) {
    case 'and':
    case 'or':
      return condition.of.flatMap(kindsOf);
    case 'not':
      return kindsOf(condition.of);
    case 'signed':
      return ['period'];
    default:
      return [condition.type];
  }
}

function sameKinds(a: Condition, b: Condition): boolean {
  const [left, right] = [new Set(kindsOf(a)), new Set(kindsOf(b))];
  return left.size === right.size && [...left].every((kind) => right.has(kind));
}

/**
 * The parts of an "and" of the same kinds as `next` replaced by it; undefined when no part is, or
 * every part is. The partners left out as "the others" were left out of that question only.
 */
function replacedIn(last: Condition, next: Condition): Condition | undefined {
  if (last.type !== 'and') return undefined;
  const kinds = new Set(kindsOf(next));
  const covered = (part: Condition) => kindsOf(part).every((kind) => kinds.has(kind));
  if (!last.of.some(covered)) return undefined;
  const kept = last.of.filter((part) => !covered(part) && !kindsOf(part).includes('partner'));
  if (kept.length === 0) return undefined;
  return { type: 'and', of: [...kept, next] };
}

/**
 * The ranking the one partner shown was picked from ("the oldest", "the farthest of them"), for
 * "and the second?": the same subject, condition and order, another rank.
 */
function rankingPickedFrom(last: QueryShape | undefined, shown: readonly string[]): QueryShape | undefined {
  if (!last?.order || shown.length !== 1) return undefined;
  const single = last.pick?.type === 'first' || last.pick?.type === 'last' || last.pick?.type === 'nth';
  return single ? last : undefined;
}

/**
 * What a turned condition is asked of: what the last query was asked of. A narrowing of the list
 * shown put its result on show, so the list it narrowed is one back — unless it kept the list
 * there (one partner picked out of it).
 */
function turnedSubject(last: Subject, context: ClauseContext): Subject {
  if (last.type !== 'shown-last') return last.type === 'named' ? last : { type: 'all' };
  const keptOnShow = context.partners.join() !== context.shown.join();
  const ago = (last.ago ?? 0) + (keptOnShow ? 0 : 1);
  return ago > 0 ? { type: 'shown-last', ago } : { type: 'shown-last' };
}

/**
 * "which of them", "quali di queste", "których z nich": a question word opening a partitive asks
 * which of a list; "does it…" holds its reference inside the question words, and "czy ta…" is
 * followed by a one-word one: both ask of one partner.
 */
function asksWhichOf(u: Understanding): boolean {
  const questions = spansOf(u.spans, 'question');
  return spansOf(u.spans, 'reference').some((reference) =>
    questions.some(
      (question) =>
        (reference.start === question.start && reference.end > question.end) ||
        (reference.start === question.end && reference.end - reference.start > 1),
    ),
  );
}

/** "which schools…", "jakie daty…", "what dates…": a question word names the facet itself as what is asked. */
function asksFacetItself(u: Understanding, facet: Facet): boolean {
  const questions = spansOf(u.spans, 'question');
  return spansOf(u.spans, 'cue').some(
    (cue) => cue.cue === facet && questions.some((question) => question.end === cue.start),
  );
}

/** The kind of institution an area word next to the institutions cue names: "cultural institution", "szkoły". */

function institutionKindAsked(u: Understanding): InstitutionKind | undefined {
  const cues = spansOf(u.spans, 'cue').filter((cue) => cue.cue === 'institutions');
  const area = spansOf(u.spans, 'area').find((one) =>
    cues.some((cue) => one.start >= cue.start - 1 && one.end <= cue.end + 1),
  );
  return area ? INSTITUTION_OF_AREA[area.area] : undefined;
}

/** "the one in my country", "nel mio paese": the country the asker said they are from, now a filter. */
function withAskersCountry(
  u: Understanding,
  context: ClauseContext,
  condition: Condition | undefined,
): Condition | undefined {
  if (!context.askerCountry || spansOf(u.spans, 'mine').length === 0) return condition;
  const mine: Condition = { type: 'country', codes: [context.askerCountry] };
  return condition ? { type: 'and', of: [condition, mine] } : mine;
}

/** Facet questions about named partners ignore list filters picked up from their wording. */
const noFilter: Partial<Query> = { condition: undefined, order: undefined };

/**
 * The clause names a country or period of its own ("any other German partner?"): a new question,
 * not "the others". An area is what the others are asked about ("any other… economic cooperation?").
 */
function namesCountryOrPeriod(understanding: Understanding): boolean {
  return understanding.countries.length > 0 || understanding.period !== undefined;
}

function inCountriesOf(knowledge: Knowledge, condition: Condition | undefined): string[] {
  return positive(condition, 'country').length > 0 ? partnersMeeting(knowledge, condition) : [];
}

function partnersMeeting(knowledge: Knowledge, condition: Condition | undefined): string[] {
  const codes = positive(condition, 'country').flatMap(
    (code) => knowledge.dataset.countryGroups.find((group) => group.code === code)?.members ?? [code],
  );
  return knowledge.chronological.filter((partner) => codes.includes(partner.country)).map((partner) => partner.id);
}

/** The intent a query is answered as. */
export function intentOf(query: QueryShape): Intent {
  switch (query.ask.type) {
    case 'facet':
      return query.ask.facet;
    case 'list':
      return 'list_partners';
    case 'count':
      return 'count_partners';
    case 'yesno':
      return query.subject.type === 'named' ? 'partner_info' : 'list_partners';
    case 'talk':
      return query.ask.intent;
  }
}
