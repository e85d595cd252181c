import type { Intent } from '../types.js';
import type { Answer } from './speaker.js';

/** One reply for every question of a message: all texts, the first intent, partners in answer order. */
export function combine(answers: readonly Answer[]): Answer & { intents: Intent[] } {
  const [first, ...rest] = answers;
  if (!first) throw new Error('a message yields at least one query');
  if (rest.length === 0) return { ...first, intents: [first.intent] };
  const partners = [...new Set(answers.flatMap((answer) => answer.partners))];
  const last = answers[answers.length - 1] ?? first;
  const withCard = answers.find((answer) => answer.card);
  const withList = answers.find((answer) => answer.list);
  return {
    intent: first.intent,
    intents: answers.map((answer) => answer.intent),
    partners,
    text: answers.map((answer) => answer.text).join('\n\n'),
    ...(withCard?.card ? { card: withCard.card } : {}),
    ...(withList?.list ? { list: withList.list } : {}),
    ...(last.suggestions ? { suggestions: last.suggestions } : {}),
  };
}
