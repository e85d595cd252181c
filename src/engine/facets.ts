import type { Facet, Intent } from './types.js';

// Kept apart from the schemas of types.ts so that answering loads no zod (the one-shot `npm run
// ask` starts without it).

/** Intents that ask about one aspect of a partner, so a follow-up naming another partner reuses them. */
export const FACET_INTENTS: readonly Intent[] = [
  'partner_info',
  'signing_date',
  'cooperation',
  'institutions',
  'distance',
];

export function isFacet(intent: Intent | undefined): intent is Facet {
  return intent !== undefined && FACET_INTENTS.includes(intent);
}
