/** Replies about one or more partners: card, signing date, cooperation, institutions. */
import type { Partner } from '../../domain/schema.js';
import { flagOf } from '../format.js';
import type { Intent } from '../types.js';
import { facetButtons, partnerButtons } from './buttons.js';
import { type Answer, areaNames, buildCard, nameForms, partnersOf, type Speaker, text } from './speaker.js';

export function perPartner(
  intent: Intent,
  partners: readonly Partner[],
  speaker: Speaker,
  sentence: (partner: Partner) => string,
): Answer {
  const [only] = partners;
  const cards = partners.map((partner) => buildCard(partner, speaker));
  return {
    intent,
    partners: partners.map((partner) => partner.id),
    text: partners.map(sentence).join('\n\n'),
    ...(partners.length === 1 && only
      ? { card: cards[0], suggestions: facetButtons(only, speaker, intent) }
      : { cards }),
  };
}

export function partnerInfoSentence(partner: Partner, speaker: Speaker): string {
  const forms = nameForms(partner, speaker);
  const summary = speaker.t('partnerInfo', { ...forms, areas: areaNames(partner.areas, speaker) });
  return `${summary}\n${text(partner, speaker, 'purpose')}`;
}

export function cooperationSentence(partner: Partner, speaker: Speaker): string {
  const forms = nameForms(partner, speaker);
  const lines = [
    speaker.t('cooperation.intro', { ...forms, areas: areaNames(partner.areas, speaker) }),
    text(partner, speaker, 'purpose'),
  ];
  const activities = partner.activities.map((activity) => `• ${activity.text[speaker.language] ?? ''}`);
  if (activities.length > 0) lines.push(speaker.t('cooperation.activities'), ...activities);
  return lines.join('\n');
}

export function cooperationOverview(area: string | undefined, speaker: Speaker): Answer {
  const { knowledge, t } = speaker;
  if (area) {
    const matching = knowledge.chronological.filter((partner) => partner.areas.includes(area));
    const areaName = t(`areas.${area}`);
    const names = speaker.formats.list(matching.map((partner) => text(partner, speaker, 'names')));
    return {
      intent: 'cooperation',
      partners: matching.map((partner) => partner.id),
      text:
        matching.length > 0
          ? t('cooperation.area', { area: areaName, names })
          : t('cooperation.areaNone', { area: areaName }),
      suggestions: partnerButtons(matching, speaker),
    };
  }
  const lines = knowledge.chronological.map(
    (partner) => `${flagOf(partner.country)} ${text(partner, speaker, 'names')}: ${areaNames(partner.areas, speaker)}`,
  );
  return {
    intent: 'cooperation',
    partners: knowledge.chronological.map((partner) => partner.id),
    text: [t('cooperation.summary'), ...lines].join('\n'),
    suggestions: partnerButtons(knowledge.chronological, speaker),
  };
}

function institutionNames(partner: Partner, speaker: Speaker, side?: 'siedlce' | 'partner'): string[] {
  return partner.institutions
    .filter((institution) => !side || institution.side === side)
    .map((institution) => institution.name[speaker.language] ?? '');
}

export function institutionsSentence(partner: Partner, speaker: Speaker): string {
  const forms = nameForms(partner, speaker);
  const names = institutionNames(partner, speaker);
  if (names.length === 0) return speaker.t('institutions.none', { ...forms, areas: areaNames(partner.areas, speaker) });
  const hasSchools = partner.institutions.some(
    (institution) => institution.kind === 'school' && institution.side === 'siedlce',
  );
  const lines = [speaker.t('institutions.list', { ...forms, names: speaker.formats.list(names) })];
  if (hasSchools) lines.push(speaker.t('institutions.historical'));
  return lines.join('\n');
}

export function schoolAnswer(numbers: readonly number[], speaker: Speaker): Answer {
  const { knowledge, t, formats } = speaker;
  const lines: string[] = [];
  const found = new Set<string>();
  for (const number of numbers) {
    const matches = knowledge.chronological.flatMap((partner) =>
      partner.institutions
        .filter((institution) => institution.side === 'siedlce' && institution.number === number)
        .map((institution) => ({ partner, institution })),
    );
    if (matches.length === 0) {
      const named = knowledge.chronological.flatMap((partner) =>
        partner.institutions
          .filter((institution) => institution.side === 'siedlce' && institution.kind === 'school')
          .map((institution) => institution.name[speaker.language] ?? ''),
      );
      lines.push(t('institutions.schoolUnknown', { number, names: formats.list(named) }));
      continue;
    }
    const partners = [...new Set(matches.map((match) => match.partner))];
    for (const partner of partners) found.add(partner.id);
    const schools = matches.map((match) => match.institution.name[speaker.language] ?? '');
    const key = schools.length > 1 ? 'institutions.schoolPlural' : 'institutions.school';
    const partnerNames = partners.map(
      (partner) => `${text(partner, speaker, 'names')} (${formats.country(partner.country)})`,
    );
    lines.push(t(key, { names: formats.list(schools), partners: formats.list(partnerNames) }));
  }
  if (found.size > 0) lines.push(t('institutions.historical'));
  const partners = partnersOf([...found], knowledge);
  return {
    intent: 'institutions',
    partners: [...found],
    text: lines.join('\n'),
    ...(partners.length === 1 && partners[0] ? { card: buildCard(partners[0], speaker) } : {}),
    suggestions: partnerButtons(partners, speaker),
  };
}

export function allInstitutions(speaker: Speaker): Answer {
  const { knowledge, t } = speaker;
  const withInstitutions = knowledge.chronological.filter(
    (partner) => institutionNames(partner, speaker, 'siedlce').length > 0,
  );
  const lines = withInstitutions.map(
    (partner) =>
      `• ${text(partner, speaker, 'names')}: ${speaker.formats.list(institutionNames(partner, speaker, 'siedlce'))}`,
  );
  const japan = t('institutions.japan', {
    institution: knowledge.dataset.overview.japan.institution[speaker.language],
  });
  return {
    intent: 'institutions',
    partners: withInstitutions.map((partner) => partner.id),
    text: [t('institutions.all'), ...lines, japan, t('institutions.historical')].join('\n'),
    suggestions: partnerButtons(withInstitutions, speaker),
  };
}
