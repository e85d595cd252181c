/** Replies that look beyond one partner: the overview, distances, places that are not partners, doubts. */
import type { Partner } from '../../domain/schema.js';
import { flagOf } from '../format.js';
import type { Intent } from '../types.js';
import type { PlaceMention } from '../understand.js';
import { partnerButtons } from './buttons.js';
import { perPartner } from './partner-facets.js';
import { type Answer, allNames, distanceKm, nameForms, partnersOf, type Speaker, text } from './speaker.js';

export function overviewAnswer(speaker: Speaker): Answer {
  const { knowledge, t, formats } = speaker;
  const overview = knowledge.dataset.overview;
  const countries = (codes: readonly string[]) => formats.list(codes.map((code) => formats.country(code)));
  const partnerCountries = [...new Set(knowledge.chronological.map((partner) => partner.country))];
  const institution = overview.japan.institution[speaker.language];
  return {
    intent: 'overview',
    partners: [],
    text: [
      `${t('overview.eu', { countries: countries(overview.euCountries) })} ${t('overview.east', { countries: countries(overview.centralEasternCountries) })}`,
      t('overview.partners', { count: partnerCountries.length, countries: countries(partnerCountries) }),
      t('overview.japan', { institution }),
    ].join('\n'),
    suggestions: [{ label: t('suggest.list'), command: { intent: 'list_partners', partners: [] } }],
  };
}

export function distanceAnswer(partners: readonly Partner[], speaker: Speaker): Answer {
  const { knowledge, t, formats } = speaker;
  if (partners.length > 0) {
    return perPartner('distance', partners, speaker, (partner) =>
      t('distance.one', { ...nameForms(partner, speaker), km: formats.km(distanceKm(partner, knowledge)) }),
    );
  }
  const sorted = [...knowledge.partners].sort((a, b) => distanceKm(a, knowledge) - distanceKm(b, knowledge));
  const lines = sorted.map((partner) =>
    t('distance.item', { ...nameForms(partner, speaker), km: formats.km(distanceKm(partner, knowledge)) }),
  );
  return {
    intent: 'distance',
    partners: sorted.map((partner) => partner.id),
    text: [t('distance.all'), ...lines].join('\n'),
  };
}

export function notAPartnerAnswer(
  place: PlaceMention | undefined,
  unknownName: string | undefined,
  speaker: Speaker,
): Answer {
  const { knowledge, t, formats } = speaker;
  const placeName = place ? (place.names?.[speaker.language] ?? place.name) : (unknownName ?? '');
  const lines = [t('notAPartner.place', { place: placeName })];
  let inCountry: Partner[] = [];
  if (place) {
    inCountry = knowledge.chronological.filter((partner) => partner.country === place.country);
    const country = formats.country(place.country);
    if (place.country === knowledge.dataset.home.country) {
      // a Polish city: no partner is expected "in that country"
    } else if (inCountry.length > 0) {
      const names = formats.list(inCountry.map((partner) => text(partner, speaker, 'names')));
      lines.push(t('notAPartner.partnerInCountry', { country, partners: names }));
    } else {
      lines.push(t('notAPartner.noPartnerInCountry', { country }));
    }
  }
  lines.push(t('notAPartner.partners', { names: allNames(speaker) }));
  return {
    intent: 'not_a_partner',
    partners: inCountry.map((partner) => partner.id),
    text: lines.join('\n'),
    suggestions: partnerButtons(inCountry.length > 0 ? inCountry : knowledge.chronological, speaker),
  };
}

export function ambiguousAnswer(intent: Intent, ids: readonly string[], speaker: Speaker): Answer {
  const candidates = partnersOf(ids, speaker.knowledge);
  const options = speaker.formats.list(candidates.map((partner) => text(partner, speaker, 'names')));
  return {
    intent,
    partners: [],
    text: speaker.t('ambiguous', { options }),
    suggestions: candidates.map((partner) => ({
      label: `${flagOf(partner.country)} ${text(partner, speaker, 'names')}`,
      command: { intent, partners: [partner.id] },
    })),
  };
}
