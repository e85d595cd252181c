import type { Facet, Intent } from './types.js';

// The values (constants and guards) that go with the engine's types, kept apart from the schemas of
// types.ts so that answering loads no zod: the one-shot `npm run ask` starts without it, and
// tests/cli/one-shot.test.ts fails when something on the answer path imports a value of types.ts.
// types.ts re-exports them.

/** How many lists shown before the last one a conversation keeps. */
export const RECENT_LISTS = 4;

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
