import type { Language } from '../domain/schema.js';
import { flagOf } from './format.js';
import type { Knowledge } from './knowledge.js';
import { fold } from './normalize.js';
import { understand } from './understand.js';

export interface PartnerChoice {
  id: string;
  /** "🇺🇦 Berdyczów (Ukraina)": the name as the language writes it. */
  label: string;
}

/** Partners a name stands for: one when it is clear, several when a typo fits more than one. */
export function resolvePartners(knowledge: Knowledge, name: string): string[] {
  const understanding = understand(knowledge, name);
  return understanding.partners.length > 0 ? understanding.partners : understanding.ambiguous;
}

/**
 * Partners whose any alias starts with (or contains) what was typed so far, for autocomplete
 * menus; an empty query lists every partner in date order.
 */
export function searchPartners(
  knowledge: Knowledge,
  query: string,
  language: Language,
  countryName: (code: string) => string,
): PartnerChoice[] {
  const folded = fold(query);
  const label = (id: string): PartnerChoice => {
    const partner = knowledge.partnersById.get(id);
    const name = partner?.names[language] ?? id;
    return { id, label: partner ? `${flagOf(partner.country)} ${name} (${countryName(partner.country)})` : name };
  };
  if (!folded) return knowledge.chronological.map((partner) => label(partner.id));
  const scored = new Map<string, number>();
  for (const partner of knowledge.partners) {
    const names = [...partner.aliases, ...Object.values(partner.names), ...Object.values(partner.official)];
    for (const name of names.map(fold)) {
      const rank = name.startsWith(folded)
        ? 0
        : name.split(' ').some((word) => word.startsWith(folded))
          ? 1
          : name.includes(folded)
            ? 2
            : undefined;
      if (rank !== undefined) scored.set(partner.id, Math.min(rank, scored.get(partner.id) ?? rank));
    }
  }
  if (scored.size === 0) {
    for (const id of resolvePartners(knowledge, query)) scored.set(id, 3);
  }
  return [...scored.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => label(id));
}
