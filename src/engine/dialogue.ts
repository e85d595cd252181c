import { RECENT_LISTS } from './constants.js';
import type { Query } from './query.js';
import type { Answer } from './replies/speaker.js';
import type { Conversation, Facet, Intent, QueryShape } from './types.js';

/** A conversation as the engine reads it: every field present (old stored ones lack the new ones). */
export interface Memory {
  language: Conversation['language'];
  intent: Intent | undefined;
  partners: string[];
  shown: string[];
  /** The lists shown before `shown`, newest first. */
  recent: string[][];
  pending: Facet | undefined;
  query: Conversation['query'];
  /** The asker's own country, when they said it ("I'm from Lithuania"). */
  askerCountry: string | undefined;
  /** The partner town the asker said they are from ("jestem z Sabinova"), for "my city", "po nas". */
  askerPartner: string | undefined;
}

/** What the asker said of themselves in one message. */
export interface Asker {
  country?: string | undefined;
  partner?: string | undefined;
}

export function recall(conversation: Conversation | undefined): Memory {
  return {
    language: conversation?.language,
    intent: conversation?.intent,
    partners: conversation?.partners ?? [],
    shown: conversation?.shown ?? conversation?.partners ?? [],
    recent: conversation?.recent ?? [],
    pending: conversation?.pending,
    query: conversation?.query,
    askerCountry: conversation?.asker?.country,
    askerPartner: conversation?.asker?.partner,
  };
}

/** Intents that say nothing about the topic: the conversation keeps its previous subject. */
const KEEPS_SUBJECT = new Set<Intent>(['greeting', 'help', 'thanks', 'unknown']);

/** A facet asked of nobody in particular ("Kiedy podpisano umowę?"): it waits for its partner. */
function waitingFacet(query: Query): Facet | undefined {
  return query.waits;
}

/**
 * What to remember after answering: what was shown (ids in order), the last query, and a question
 * still waiting for its partner. Small talk keeps the subject of the conversation.
 */
export function remember(
  memory: Memory,
  language: Conversation['language'],
  queries: readonly Query[],
  answers: readonly Answer[],
  said: Asker = {},
): Conversation {
  const pairs = queries.map((query, index) => ({ query, answer: answers[index] }));
  const topical = pairs.filter(({ answer }) => answer && !KEEPS_SUBJECT.has(answer.intent));
  const last = topical[topical.length - 1];
  const asker = askerOf(said.country ?? memory.askerCountry, said.partner ?? memory.askerPartner);
  if (!last?.answer) {
    return { ...stored(memory), language, ...asker };
  }
  const answer = last.answer;
  const partners = answer.partners.length > 0 ? answer.partners : memory.partners;
  const pending = waitingFacet(last.query) ?? (answer.partners.length === 0 ? memory.pending : undefined);
  // the store checks the conversation with ConversationSchema when it reads it back
  const query: QueryShape = { ask: last.query.ask, subject: last.query.subject };
  if (last.query.condition) query.condition = last.query.condition;
  if (last.query.order) query.order = last.query.order;
  if (last.query.pick) query.pick = last.query.pick;
  // a pick from the list shown ("the third one") leaves the list there for the next pick
  // so does an answer about one partner of that list ("la prima", then "quando è stato firmato?")
  const keeps = keepsShown(answer.partners, last.query, memory.shown);
  // "which is farther, Dasing or Pescantina?" shows both, ranked: "both", "the other", "the second" refer to them
  const compared = comparedIds(last.query, answer.partners);
  const shown = compared ?? (keeps ? memory.shown : answer.partners);
  const recent = keeps && !compared ? memory.recent : stacked(memory, shown);
  return {
    language,
    intent: answer.intent,
    partners,
    shown,
    ...(recent.length > 0 ? { recent } : {}),
    query,
    ...(pending ? { pending } : {}),
    ...asker,
  };
}

function askerOf(country: string | undefined, partner: string | undefined): Pick<Conversation, 'asker'> {
  if (!country && !partner) return {};
  return { asker: { ...(country ? { country } : {}), ...(partner ? { partner } : {}) } };
}

/** The lists shown before the new one, newest first: the old list goes on top, unless it is the same. */
function stacked(memory: Memory, shown: readonly string[]): string[][] {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => b[i] === id);
  if (memory.shown.length === 0 || same(memory.shown, shown)) return memory.recent;
  return [memory.shown, ...memory.recent.filter((list) => !same(list, memory.shown))].slice(0, RECENT_LISTS);
}

function stored(memory: Memory): Conversation {
  return {
    language: memory.language,
    intent: memory.intent,
    partners: memory.partners,
    shown: memory.shown,
    ...(memory.recent.length > 0 ? { recent: memory.recent } : {}),
    ...(memory.pending ? { pending: memory.pending } : {}),
    ...(memory.query ? { query: memory.query } : {}),
  };
}

/** The partners named to be compared when one was picked among them, the one picked first. */
function comparedIds(query: Query, partners: readonly string[]): string[] | undefined {
  if (query.subject.type !== 'named' || query.subject.ids.length < 2) return undefined;
  if (query.pick === undefined || query.pick.type === 'top') return undefined;
  const [picked] = partners;
  if (partners.length !== 1 || picked === undefined || !query.subject.ids.includes(picked)) return undefined;
  return [picked, ...query.subject.ids.filter((id) => id !== picked)];
}

function keepsShown(partners: readonly string[], query: Query, shown: readonly string[]): boolean {
  if (partners.length === 0) return true;
  // "the three nearest of them" shows a list of its own; "the third one" leaves the list there
  if (query.subject.type === 'shown-last' && query.pick !== undefined && query.pick.type !== 'top') return true;
  return partners.length === 1 && shown.length > 1 && shown.includes(partners[0] ?? '');
}
