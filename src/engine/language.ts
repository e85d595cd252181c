import { eld } from 'eld/small';
import type { Language, Languages } from '../domain/schema.js';

/** The statistical detector only ever chooses among the languages the bot speaks. */
let subset: string | undefined;
function detectorFor(languages: Languages): typeof eld {
  const key = languages.join(',');
  if (subset !== key) {
    eld.setLanguageSubset([...languages]);
    subset = key;
  }
  return eld;
}

/** Below this combined score the text does not tell its language (a bare name, an emoji…). */
const MIN_SCORE = 0.6;
const MIN_MARGIN = 0.15;
/** The detector's say grows with the letters it has to read; a few letters tell little. */
const LETTERS_FOR_FULL_WEIGHT = 20;

/**
 * Combines two signals: known words of each language in the text (function words and cue words),
 * and eld's n-gram detector, which needs more letters but knows every word.
 */
export function detectLanguage(
  text: string,
  wordVotes: ReadonlyMap<Language, number>,
  languages: Languages,
): Language | undefined {
  const scores = new Map<Language, number>(languages.map((language) => [language, wordVotes.get(language) ?? 0]));
  const letters = text.replace(/[^\p{L}]+/gu, '');
  if (letters.length >= 3) {
    const result = detectorFor(languages).detect(text);
    for (const [language, score] of Object.entries(result.getScores())) {
      const weight = Math.min(1, letters.length / LETTERS_FOR_FULL_WEIGHT);
      if (scores.has(language)) scores.set(language, (scores.get(language) ?? 0) + score * weight);
    }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < MIN_SCORE) return undefined;
  if (second && best[1] - second[1] < MIN_MARGIN) return undefined;
  return best[0];
}
