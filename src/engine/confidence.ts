import type { Query } from './query.js';

/** Below this share of understood words, a reading is a guess. */
const FULL_COVERAGE = 0.75;
/** A reading that chose one of two facets asked keeps this share of its certainty. */
const RIVAL = 0.8;
const SMALL_TALK = new Set(['greeting', 'thanks', 'help']);

/**
 * How sure a reading is, from the evidence: the parse's own certainty, lowered when much of the
 * clause was not understood (words no index knows), or when the reading chose between rivals.
 */
export function confidenceOf(query: Query): number {
  // small talk is no guess about the data: a thank-you with other words is still a thank-you
  if (query.ask.type === 'talk' && SMALL_TALK.has(query.ask.intent)) return query.confidence;
  const understanding = query.understanding;
  const words = understanding.tokens?.filter(Boolean).length ?? 0;
  const unknown = understanding.unknownTokens ?? 0;
  const coverage = words === 0 ? 1 : 1 - unknown / words;
  const byCoverage = Math.min(1, coverage / FULL_COVERAGE);
  const rival = query.rival ? RIVAL : 1;
  return Math.round(query.confidence * byCoverage * rival * 100) / 100;
}
