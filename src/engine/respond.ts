import type { Decision } from './intent.js';
import { smallTalk } from './replies/buttons.js';
import { countAnswer, listAnswer } from './replies/lists.js';
import {
  allInstitutions,
  cooperationOverview,
  cooperationSentence,
  institutionsSentence,
  partnerInfoSentence,
  perPartner,
  schoolAnswer,
} from './replies/partner-facets.js';
import { type Answer, nameForms, partnersOf, type Speaker } from './replies/speaker.js';
import { ambiguousAnswer, distanceAnswer, notAPartnerAnswer, overviewAnswer } from './replies/world.js';
import type { Understanding } from './understand.js';

export type { Answer, Speaker } from './replies/speaker.js';
export { buildCard } from './replies/speaker.js';

/** Builds the answer for a decided intent from the dataset and the locale's sentences. */
export function respond(decision: Decision, understanding: Understanding | undefined, speaker: Speaker): Answer {
  const { knowledge, t } = speaker;
  if (decision.ambiguous) return ambiguousAnswer(decision, speaker);
  const partners = partnersOf(decision.partners, knowledge);
  switch (decision.intent) {
    case 'greeting':
      return smallTalk('greeting', t('greeting'), speaker);
    case 'help':
      return smallTalk('help', `${t('help')}\n${t('helpCommands')}`, speaker);
    case 'thanks':
      return { intent: 'thanks', partners: [], text: t('thanks') };
    case 'list_partners':
      return listAnswer(decision, speaker);
    case 'count_partners':
      return countAnswer(decision, speaker);
    case 'overview':
      return overviewAnswer(speaker);
    case 'distance':
      return distanceAnswer(partners, speaker);
    case 'not_a_partner':
      return notAPartnerAnswer(understanding, speaker);
    case 'partner_info':
      if (partners.length === 0) return listAnswer(decision, speaker);
      return perPartner('partner_info', partners, speaker, (partner) => partnerInfoSentence(partner, speaker));
    case 'signing_date':
      if (partners.length === 0) return listAnswer(decision, speaker);
      return perPartner('signing_date', partners, speaker, (partner) => t('signingDate', nameForms(partner, speaker)));
    case 'cooperation':
      if (partners.length === 0) return cooperationOverview(decision, speaker);
      return perPartner('cooperation', partners, speaker, (partner) => cooperationSentence(partner, speaker));
    case 'institutions':
      if (understanding && understanding.schoolNumbers.length > 0 && partners.length === 0) {
        return schoolAnswer(understanding.schoolNumbers, speaker);
      }
      if (partners.length === 0) return allInstitutions(speaker);
      return perPartner('institutions', partners, speaker, (partner) => institutionsSentence(partner, speaker));
    default: {
      const lead = understanding?.blank ? t('empty') : t('unknown');
      return smallTalk('unknown', lead, speaker);
    }
  }
}
