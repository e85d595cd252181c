import { clausesOf } from './clauses.js';
import { isFacet } from './constants.js';
import type { Asker, Memory } from './dialogue.js';
import { execute, type Result, type Shown } from './execute.js';
import type { Knowledge } from './knowledge.js';
import { type ClauseContext, intentOf, parseClause, type Query } from './query.js';
import { spansOf } from './spans.js';
import type { Ask, Request } from './types.js';
import type { Understanding } from './understand.js';

export interface Answered {
  query: Query;
  result: Result;
}

/** A message's queries, answered, and what the asker said of themselves. */
export interface ReadMessage {
  answered: Answered[];
  /** What the asker says of themselves: the country ("I am from Lithuania", "sono di Kaunas") or partner town. */
  asker: Asker;
}

const SMALL_TALK = new Set(['greeting', 'help', 'thanks', 'unknown']);

/**
 * A message → its queries, each executed: the clauses in order, each leaning on the one before
 * ("…, and when did it start?") and on what the conversation showed. Small talk next to a real
 * question, and a question asked twice, are dropped.
 */
export function readQueries(knowledge: Knowledge, whole: Understanding, memory: Memory): ReadMessage {
  const {
    clauses,
    story,
    storyPlaces,
    storyCountries,
    partnerCountries,
    nearCountries,
    storyOrder,
    placeFirst,
    claimedPlace,
    agreement,
    whole: trimmed,
  } = clausesOf(knowledge, whole);
  const askerCountry = storyPlaces[0]?.country ?? storyCountries.find((code) => !partnerCountries.includes(code));
  // "jestem z Sabinova", "i from Vawkavysk": the one partner town the asker's story names is theirs
  // ("sono di Bussolengo, a due passi da Pescantina": the town named first is, and it is no partner)
  const askerPartner = story.length === 1 && !placeFirst ? story[0] : undefined;
  const toldOf = returnedTo(knowledge, whole, clauses, memory);
  const answered = answerClauses(knowledge, clauses, trimmed, {
    partners: toldOf ?? memory.partners,
    intent: memory.intent,
    shown: memory.shown,
    recent: memory.recent,
    pending: memory.pending,
    story,
    storyPlaces,
    storyLands: knowledge.chronological
      .filter((partner) => storyCountries.includes(partner.country))
      .map((partner) => partner.id),
    partnerCountries,
    nearCountries,
    storyOrder,
    claimedPlace,
    agreement,
    topic: (whole.cues.get('partnership') ?? 0) > 0,
    lastQuery: memory.query,
    askerCountry: askerCountry ?? memory.askerCountry,
    askerPartner: askerPartner ?? memory.askerPartner,
  });
  return { answered, asker: { country: askerCountry, partner: askerPartner } };
}

/**
 * "dobra, wróćmy do tego słowackiego. jakie szkoły…?", "back to Sabinov. which schools…?": a sentence
 * that asks nothing and says nothing of the asker, naming one partner the conversation has shown
 * (by name or by its country), turns the talk back to it; the questions after it ask of that partner.
 */
function returnedTo(
  knowledge: Knowledge,
  whole: Understanding,
  clauses: readonly Understanding[],
  memory: Memory,
): string[] | undefined {
  if (memory.partners.length === 0 && memory.shown.length === 0) return undefined;
  const outside = whole.spans.filter(
    (span) =>
      (span.kind === 'partner' || span.kind === 'country') &&
      !clauses.some((clause) => span.start >= clause.range.start && span.end <= clause.range.end),
  );
  if (outside.length === 0) return undefined;
  const strong = whole.breaks.filter((mark) => mark.strong).map((mark) => mark.at);
  const askers = spansOf(whole.spans, 'asker');
  const aboutAsker = (span: { start: number; end: number }) => {
    const from = Math.max(0, ...strong.filter((at) => at <= span.start));
    const to = Math.min(whole.tokens.length, ...strong.filter((at) => at >= span.end));
    return askers.some((asker) => asker.start >= from && asker.end <= to);
  };
  const ids = new Set<string>();
  for (const span of outside) {
    if (aboutAsker(span)) continue;
    if (span.kind === 'partner') ids.add(span.id);
    else if (span.kind === 'country')
      for (const partner of knowledge.chronological) if (partner.country === span.code) ids.add(partner.id);
  }
  const [id] = ids;
  if (id === undefined || ids.size !== 1) return undefined;
  const talkedAbout = [memory.partners, memory.shown, ...(memory.recent ?? [])].some((list) => list.includes(id));
  return talkedAbout ? [id] : undefined;
}

function answerClauses(
  knowledge: Knowledge,
  clauses: readonly Understanding[],
  trimmed: Understanding,
  context: ClauseContext,
): Answered[] {
  const answered: Answered[] = [];
  let shownBefore: Shown = context;
  for (const [index, clause] of clauses.entries()) {
    const parsed = parseClause(knowledge, clause, context);
    // "back to the first list: which one is the farthest?": the questions after it ask of that list
    if (parsed.pointsBack && index < clauses.length - 1) {
      if (context.shown.join() !== parsed.pointsBack.join())
        context.recent = [context.shown, ...(context.recent ?? [])];
      context.shown = parsed.pointsBack;
      context.partners = parsed.pointsBack;
      context.intent = 'list_partners';
      continue;
    }
    const sorted = parsed.resorted ? answered.pop() : undefined;
    // the list asked before, in the order this clause asks for
    const query: Query =
      sorted && (parsed.order || parsed.pick)
        ? {
            ...sorted.query,
            ...(parsed.order ? { order: parsed.order } : {}),
            ...(parsed.pick ? { pick: parsed.pick } : {}),
          }
        : parsed;
    const result = execute(knowledge, query, sorted ? shownBefore : context);
    shownBefore = { shown: context.shown, recent: context.recent ?? [] };
    answered.push({ query, result });
    const ids = result.partners.map((partner) => partner.id);
    if (query.ask.type === 'list' && ids.length > 0 && spansOf(clause.spans, 'withDates').length > 0) {
      answered.push(datesOf(knowledge, query, { ...context, shown: ids }));
    }
    if (query.ask.type !== 'talk' && ids.length > 0) {
      context.previous = ids;
      if (context.shown.join() !== ids.join()) context.recent = [context.shown, ...(context.recent ?? [])];
      context.shown = ids;
      context.partners = ids;
      context.intent = intentOf(query);
      context.pending = undefined;
      context.lastQuery = query;
    }
  }
  const substantive = answered.filter(({ query }) => !SMALL_TALK.has(intentOf(query)));
  const talk = answered.find(({ query }) => intentOf(query) !== 'unknown') ?? answered[answered.length - 1];
  const kept = substantive.length > 0 ? substantive : talk ? [talk] : [];
  const distinct = kept.filter(
    (one, index) =>
      kept.findIndex(
        (other) =>
          intentOf(other.query) === intentOf(one.query) &&
          other.result.partners.map((partner) => partner.id).join() ===
            one.result.partners.map((partner) => partner.id).join(),
      ) === index,
  );
  if (distinct.length > 0) return distinct;
  const query = parseClause(knowledge, trimmed, context);
  return [{ query, result: execute(knowledge, query, context) }];
}

/** "the partners outside the EU, with their dates": the signing date of each partner just listed. */
function datesOf(knowledge: Knowledge, list: Query, context: ClauseContext): Answered {
  const query: Query = {
    ask: { type: 'facet', facet: 'signing_date' },
    subject: { type: 'shown-last' },
    confidence: list.confidence,
    understanding: list.understanding,
  };
  return { query, result: execute(knowledge, query, context) };
}

/** A button press or slash command: the query is given, not read. */
export function commandQuery(knowledge: Knowledge, request: Request): Answered {
  const command = request.command;
  const ids = (command?.partners ?? []).filter((id) => knowledge.partnersById.has(id));
  const intent = command?.intent ?? 'unknown';
  const ask: Ask = isFacet(intent)
    ? { type: 'facet', facet: intent }
    : intent === 'list_partners'
      ? { type: 'list' }
      : intent === 'count_partners'
        ? { type: 'count' }
        : { type: 'talk', intent };
  const understanding = { blank: false } as Understanding;
  const query: Query = {
    ask,
    subject: ids.length > 0 ? { type: 'named', ids } : { type: 'all' },
    confidence: 1,
    understanding,
  };
  return { query, result: execute(knowledge, query, { shown: [] }) };
}
