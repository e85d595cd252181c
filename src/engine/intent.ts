import type { Knowledge } from './knowledge.js';
import { type Conversation, FACET_INTENTS, type Intent, type ListFilter } from './types.js';
import type { Understanding } from './understand.js';

/** What a message asks, with everything needed to answer it. */
export interface Decision {
  intent: Intent;
  partners: string[];
  filter: ListFilter;
  confidence: number;
  /** The partners are the candidates a name could stand for: ask which one was meant. */
  ambiguous?: true;
}

const FACET_CUES: readonly Intent[] = ['distance', 'signing_date', 'institutions', 'cooperation'];

function has(understanding: Understanding, kind: Intent | 'partnership'): boolean {
  return (understanding.cues.get(kind) ?? 0) > 0;
}

function filterOf(understanding: Understanding): ListFilter {
  const filter: ListFilter = {};
  const [area] = understanding.areas;
  if (understanding.countries.length > 0) filter.countries = understanding.countries;
  if (area) filter.area = area;
  if (understanding.period) filter.period = understanding.period;
  if (understanding.order) filter.order = understanding.order;
  return filter;
}

/** The strongest facet cue in the message, in the order that settles overlaps ("when… how far"). */
function facetOf(understanding: Understanding): Intent | undefined {
  if (understanding.schoolNumbers.length > 0 || understanding.institutionPartners.length > 0) return 'institutions';
  return FACET_CUES.find((intent) => has(understanding, intent));
}

/**
 * Decides the intent from what the message says and what the conversation was about. Order
 * matters: a named partner beats list words, a place that is not a partner beats everything that
 * would otherwise need a partner, and small talk only wins when nothing else is asked.
 */
export function decide(knowledge: Knowledge, understanding: Understanding, conversation: Conversation): Decision {
  const u = understanding;
  const filter = filterOf(u);
  const named = u.partners;
  const contextPartners = conversation.partners.filter((id) => knowledge.partnersById.has(id));
  const facet = facetOf(u);
  const substantive = u.tokens.length > 0;
  const make = (intent: Intent, partners: string[], confidence: number): Decision => ({
    intent,
    partners,
    filter,
    confidence,
  });

  if (!substantive) return make('unknown', [], 0);

  if (u.ambiguous.length > 0 && named.length === 0) {
    return { ...make(facet ?? 'partner_info', u.ambiguous, 0.4), ambiguous: true };
  }

  if (u.picture) return make(named.length > 0 ? 'partner_info' : 'list_partners', named, 0.9);

  const hasFilter = Boolean(filter.countries || filter.area || filter.period || filter.order);
  const asksList = has(u, 'list_partners');
  const asksCount = has(u, 'count_partners') && (asksList || hasFilter || has(u, 'partnership'));

  if (named.length > 0) {
    if (facet) return make(facet, named, u.fuzzy ? 0.75 : 0.95);
    if (asksCount) return make('count_partners', [], 0.6);
    if (has(u, 'partner_info')) return make('partner_info', named, u.fuzzy ? 0.75 : 0.9);
    const lastIntent = conversation.intent;
    const continues = u.followUp || u.residue === 0;
    if (continues && lastIntent && FACET_INTENTS.includes(lastIntent) && contextPartners.length > 0) {
      return make(lastIntent, named, 0.85);
    }
    return make('partner_info', named, u.fuzzy ? 0.75 : 0.9);
  }

  if (u.institutionPartners.length > 0) return make('institutions', u.institutionPartners, 0.9);
  if (u.schoolNumbers.length > 0) return make('institutions', [], 0.9);

  const asksAboutPlace = Boolean(facet) || has(u, 'partnership') || has(u, 'partner_info') || u.tokens.length <= 3;
  if (u.places.length > 0 && asksAboutPlace) return make('not_a_partner', [], 0.9);
  if (u.unknownNames.length > 0 && asksAboutPlace && !hasFilter && !has(u, 'list_partners')) {
    return make('not_a_partner', [], 0.6);
  }
  if (u.japan) return make('overview', [], 0.85);
  if (has(u, 'overview') && !asksList && !has(u, 'partnership')) return make('overview', [], 0.85);

  if (asksCount) return make('count_partners', [], 0.9);
  // "quante sono?" after a list counts that list
  if (has(u, 'count_partners') && conversation.intent === 'list_partners' && contextPartners.length > 0) {
    return make('count_partners', contextPartners, 0.7);
  }

  if (facet === 'distance') return make('distance', contextPartners, contextPartners.length > 0 ? 0.8 : 0.7);

  const inCountries = filter.countries
    ? knowledge.chronological
        .filter((partner) => filter.countries?.includes(partner.country))
        .map((partner) => partner.id)
    : [];
  // "and the one in Italy?" asks the previous question about the partner there
  const lastIntent = conversation.intent;
  if (u.followUp && !facet && inCountries.length > 0 && lastIntent && FACET_INTENTS.includes(lastIntent)) {
    return make(lastIntent, inCountries, 0.75);
  }

  // A filter alone makes a list only in a short message ("Germany?", "sport?"): in a longer one
  // without a word about partners, "polish" or "last" are more likely about something else.
  const filterAlone = !facet && u.residue <= 3;
  if (hasFilter && (asksList || has(u, 'partnership') || facet === 'signing_date' || filterAlone)) {
    return make('list_partners', [], 0.85);
  }

  if (facet && inCountries.length > 0 && !asksList) return make(facet, inCountries, 0.8);
  if (facet && contextPartners.length > 0 && !asksList) return make(facet, contextPartners, 0.8);
  if (has(u, 'overview')) return make('overview', [], 0.85);
  if (facet === 'signing_date' || (asksList && facet === 'cooperation')) return make('list_partners', [], 0.75);
  if (facet === 'cooperation' || facet === 'institutions') return make(facet, [], 0.75);

  if (asksList || has(u, 'partnership')) return make('list_partners', [], 0.8);
  if (has(u, 'thanks')) return make('thanks', [], 0.9);
  if (has(u, 'help')) return make('help', [], 0.9);
  if (has(u, 'greeting')) return make('greeting', [], 0.9);
  if (u.followUp && contextPartners.length > 0 && conversation.intent) {
    return make(conversation.intent, contextPartners, 0.5);
  }
  return make('unknown', [], 0.2);
}
