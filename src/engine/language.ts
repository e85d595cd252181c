import { createRequire } from 'node:module';
import type { Language, Languages } from '../domain/schema.js';

type Detector = typeof import('tinyld/light');
let detector: Detector | undefined;
/**
 * tinyld, loaded when a text first needs it: building its model takes ~15 ms, and many questions
 * are told by their words alone (the one-shot `npm run ask` often never needs it).
 */
function detectAll(...args: Parameters<Detector['detectAll']>): ReturnType<Detector['detectAll']> {
  detector ??= createRequire(import.meta.url)('tinyld/light') as Detector;
  return detector.detectAll(...args);
}

/** Below this combined score the text does not tell its language (a bare name, an emoji…). */
const MIN_SCORE = 0.6;
const MIN_MARGIN = 0.15;
/** The detector's say grows with the letters it has to read; a few letters tell little. */
const LETTERS_FOR_FULL_WEIGHT = 20;

const REMEMBERED_TEXTS = 2000;
const detections = new Map<string, ReturnType<Detector['detectAll']>>();

/**
 * tinyld's verdict on a text, remembered (bounded): it is a pure function of the text and takes
 * 50 µs to 2 ms (a long word), while people repeat themselves ("thanks", "and Kirov?").
 */
function detected(text: string, languages: Languages): ReturnType<Detector['detectAll']> {
  const key = `${languages.join(',')}\u0000${text}`;
  const known = detections.get(key);
  if (known) return known;
  const found = detectAll(text, { only: [...languages] });
  if (detections.size >= REMEMBERED_TEXTS) detections.clear();
  detections.set(key, found);
  return found;
}

/** Keeps float sums from tipping a comparison that is exact on paper. */
const EPSILON = 1e-9;

/**
 * The detector gives each language a share of at most 1 (times its weight), so when the known words
 * alone lead by more than that plus the margin, its answer cannot change the result: skip it (~80 µs).
 */
function wordsDecide(scores: ReadonlyMap<Language, number>, detectorWeight: number): boolean {
  const [best = 0, second = 0] = [...scores.values()].sort((a, b) => b - a);
  return best >= MIN_SCORE && best - second - detectorWeight >= MIN_MARGIN + EPSILON;
}

/**
 * Combines two signals: known words of each language in the text (function words and cue words),
 * and tinyld's n-gram detector (its light model: a few MB), which needs more letters but knows every word.
 */
export function detectLanguage(
  text: string,
  wordVotes: ReadonlyMap<Language, number>,
  languages: Languages,
): Language | undefined {
  const scores = new Map<Language, number>(languages.map((language) => [language, wordVotes.get(language) ?? 0]));
  const letters = text.replace(/[^\p{L}]+/gu, '');
  if (letters.length >= 3) {
    const weight = Math.min(1, letters.length / LETTERS_FOR_FULL_WEIGHT);
    if (!wordsDecide(scores, weight))
      for (const { lang, accuracy } of detected(text, languages)) {
        if (scores.has(lang)) scores.set(lang, (scores.get(lang) ?? 0) + accuracy * weight);
      }
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < MIN_SCORE) return undefined;
  if (second && best[1] - second[1] < MIN_MARGIN) return undefined;
  return best[0];
}
