import { placeKnowledge } from '../../src/bootstrap.js';
import { loadDataset } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import {
  type Conversation,
  ConversationSchema,
  createEngine,
  type Engine,
  type Reply,
} from '../../src/engine/index.js';

let shared: Engine | undefined;

/** The real engine over the real data/ and locales/ (and the gazetteer), built once per test file. */
export function realEngine(): Engine {
  if (!shared) {
    const locales = loadLocales();
    const dataset = loadDataset(locales.languages);
    shared = createEngine({ dataset, locales, defaultLanguage: 'pl', places: placeKnowledge(locales, dataset) });
  }
  return shared;
}

/**
 * Asks the turns of one conversation in order, the conversation passed through its schema between
 * turns as the store keeps it; returns every reply.
 */
export function converse(...turns: string[]): Reply[] {
  let conversation: Conversation | undefined;
  return turns.map((text) => {
    const reply = realEngine().answer({ text, conversation });
    conversation = ConversationSchema.parse(JSON.parse(JSON.stringify(reply.conversation)));
    return reply;
  });
}

/** What one message is answered: every intent in order, and the partners of the reply, sorted. */
export function answered(text: string): { intents: string[]; partners: string[] } {
  const reply = realEngine().answer({ text });
  return { intents: reply.intents ?? [reply.intent], partners: [...reply.partners].sort() };
}
