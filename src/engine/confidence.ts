import type { Query } from './query.js';

/** Below this share of understood words, a reading is a guess. */
const FULL_COVERAGE = 0.75;

/**
 * How sure a reading is, from the evidence: the parse's own certainty, lowered when much of the
 * clause was not understood (words no index knows), or when the reading chose between rivals.
 */
export function confidenceOf(query: Query): number {
  const understanding = query.understanding;
  const words = understanding.tokens?.filter(Boolean).length ?? 0;
  const unknown = understanding.unknownTokens ?? 0;
  const coverage = words === 0 ? 1 : 1 - unknown / words;
  const byCoverage = Math.min(1, coverage / FULL_COVERAGE);
  const rival = query.rival ? 0.6 : 1;
  return Math.round(query.confidence * (0.5 + 0.5 * byCoverage) * rival * 100) / 100;
}
