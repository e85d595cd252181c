/** Suggestions a reply offers as buttons, and the small-talk replies built around them. */
import type { Partner } from '../../domain/schema.js';
import { flagOf } from '../format.js';
import type { Intent, Suggestion } from '../types.js';
import { type Answer, type Speaker, text } from './speaker.js';

export function partnerButtons(partners: readonly Partner[], speaker: Speaker): Suggestion[] {
  return partners.map((partner) => ({
    label: `${flagOf(partner.country)} ${text(partner, speaker, 'names')}`,
    command: { intent: 'partner_info', partners: [partner.id] },
  }));
}

export function facetButtons(partner: Partner, speaker: Speaker, except: Intent): Suggestion[] {
  const facets: Intent[] = ['signing_date', 'cooperation', 'institutions', 'distance'];
  return facets
    .filter((facet) => facet !== except)
    .map(
      (facet): Suggestion => ({
        label: speaker.t(`suggest.${facet}`),
        command: { intent: facet, partners: [partner.id] },
      }),
    )
    .concat({
      label: `🗺️ ${speaker.t('suggest.map')}`,
      command: { intent: 'partner_info', partners: [partner.id], picture: 'map' },
    });
}

function exampleButtons(speaker: Speaker): Suggestion[] {
  const locale = speaker.knowledge.locales.byLanguage.get(speaker.language);
  return (locale?.translation.examples ?? []).map((example) => ({
    label: example.text,
    command: { intent: example.intent, partners: example.partners },
  }));
}

function withExamples(lead: string, speaker: Speaker): string {
  const examples = exampleButtons(speaker).map((example) => `• ${example.label}`);
  return [lead, speaker.t('tryAsking'), ...examples].join('\n');
}

export function smallTalk(intent: Intent, lead: string, speaker: Speaker): Answer {
  return { intent, partners: [], text: withExamples(lead, speaker), suggestions: exampleButtons(speaker) };
}
