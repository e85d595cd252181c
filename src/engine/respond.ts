import { positive } from './conditions.js';
import type { Result } from './execute.js';
import type { Query } from './query.js';
import { intentOf } from './query.js';
import { smallTalk } from './replies/buttons.js';
import { countReply, listReply } from './replies/lists.js';
import {
  allInstitutions,
  cooperationOverview,
  cooperationSentence,
  institutionsSentence,
  partnerInfoSentence,
  perPartner,
  schoolAnswer,
} from './replies/partner-facets.js';
import { type Answer, nameForms, type Speaker } from './replies/speaker.js';
import { ambiguousAnswer, distanceAnswer, notAPartnerAnswer, overviewAnswer } from './replies/world.js';
import type { Facet } from './types.js';

export type { Answer, Speaker } from './replies/speaker.js';
export { buildCard } from './replies/speaker.js';

function talkAnswer(query: Query, speaker: Speaker): Answer {
  const { t } = speaker;
  switch (intentOf(query)) {
    case 'greeting':
      return smallTalk('greeting', t('greeting'), speaker);
    case 'help':
      return smallTalk('help', `${t('help')}\n${t('helpCommands')}`, speaker);
    case 'thanks':
      return { intent: 'thanks', partners: [], text: t('thanks') };
    case 'overview':
      return overviewAnswer(speaker);
    case 'not_a_partner':
      return notAPartnerAnswer(query.place, query.unknownName, speaker);
    default:
      return smallTalk('unknown', query.understanding.blank ? t('empty') : t('unknown'), speaker);
  }
}

/** A facet asked of nobody in particular: the facet for every partner, the way each facet reads best. */
function facetOfAll(facet: Facet, query: Query, result: Result, speaker: Speaker): Answer {
  switch (facet) {
    case 'cooperation':
      return cooperationOverview(positive(query.condition, 'area')[0], speaker);
    case 'institutions': {
      const school = query.condition?.type === 'school' ? query.condition.number : undefined;
      if (school !== undefined) return schoolAnswer([school], speaker);
      // "other schools, with the other partners?": those partners only
      if (query.condition && result.partners.length > 0) {
        return perPartner('institutions', result.partners, speaker, (partner) =>
          institutionsSentence(partner, speaker),
        );
      }
      return allInstitutions(speaker);
    }
    case 'distance':
      return waiting(query, distanceAnswer(query.condition ? result.partners : [], speaker), speaker);
    default:
      return waiting(query, listReply({ ...query, ask: { type: 'list' } }, result, speaker), speaker);
  }
}

/** A facet asked of nobody: every partner's answer, the intent kept, and a question back. */
function waiting(query: Query, answer: Answer, speaker: Speaker): Answer {
  // asked of every partner outright ("how far are all the partners?"): the facet of each, nothing awaited
  if (query.ofEvery && query.ask.type === 'facet') return { ...answer, intent: query.ask.facet };
  if (!query.waits) return answer;
  return { ...answer, intent: query.waits, partners: [], text: `${speaker.t('whichPartner')}\n${answer.text}` };
}

function facetAnswer(facet: Facet, query: Query, result: Result, speaker: Speaker): Answer {
  const { t } = speaker;
  const partners = result.partners;
  const aboutSome = query.subject.type !== 'all' || query.pick !== undefined;
  if (!aboutSome || (partners.length === 0 && query.subject.type === 'named' && query.subject.ids.length === 0)) {
    return facetOfAll(facet, query, result, speaker);
  }
  if (partners.length === 0) {
    // "w których z nich uczestniczą instytucje kultury?": none of them, said with the condition asked
    const asked: Query = { ...query, ask: { type: 'list' } };
    return listReply(asked, { partners: [], matching: [] }, speaker);
  }
  switch (facet) {
    case 'signing_date':
      return perPartner('signing_date', partners, speaker, (partner) => t('signingDate', nameForms(partner, speaker)));
    case 'cooperation':
      return perPartner('cooperation', partners, speaker, (partner) => cooperationSentence(partner, speaker));
    case 'institutions':
      return perPartner('institutions', partners, speaker, (partner) => institutionsSentence(partner, speaker));
    case 'distance':
      return distanceAnswer(partners, speaker);
    default:
      return perPartner('partner_info', partners, speaker, (partner) => partnerInfoSentence(partner, speaker));
  }
}

/** Builds the answer to one executed query from the dataset and the locale's sentences. */
export function respond(query: Query, result: Result, speaker: Speaker): Answer {
  if (query.ambiguous) return ambiguousAnswer(intentOf(query), query.ambiguous, speaker);
  switch (query.ask.type) {
    case 'talk':
      return talkAnswer(query, speaker);
    case 'list':
    case 'yesno':
      return listReply(query, result, speaker);
    case 'count':
      return countReply(query, result, speaker);
    case 'facet':
      return facetAnswer(query.ask.facet, query, result, speaker);
  }
}
