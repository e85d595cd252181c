import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { COMMON_WORDS_FILE, DEFAULT_LOCALES_DIR, languageFolders } from './files.js';
import { IntentSchema } from './intents.js';
import { describeError } from './issues.js';
import { DataFileError, parseJsonText, readDataText } from './load.js';
import { checkTranslations } from './locale-checks.js';
import type { Language, Languages } from './schema.js';

export { DEFAULT_LOCALES_DIR } from './files.js';

const Words = z.array(z.string().trim().min(1));

/** The words the bot listens for in one language (locales/xx/cues.json). */
export const CuesSchema = z.object({
  words: Words,
  intents: z.partialRecord(z.union([IntentSchema, z.literal('partnership')]), Words),
  followUp: Words,
  countries: z.record(z.string().regex(/^[A-Z]{2}$/), Words),
  areas: z.record(z.string(), Words),
  period: z.object({ before: Words, after: Words, since: Words, between: Words, in: Words, decade: Words }),
  order: z.object({
    oldest: Words,
    newest: Words,
    chronological: Words,
    nearest: Words.default([]),
    farthest: Words.default([]),
    byDistance: Words.default([]),
    /** The whole list, newest first ("od najnowszego", "dal più recente al più vecchio"): an order, no pick. */
    newestFirst: Words.default([]),
    /** The whole list, farthest first ("from the farthest", "od najdalszego"). */
    farthestFirst: Words.default([]),
    /** The agreement covering the most areas ("szerszy zakres", "più ampio", "broader"): a pick. */
    widest: Words.default([]),
    /** The agreement covering the fewest areas ("węższy zakres", "meno ambiti", "narrower"): a pick. */
    narrowest: Words.default([]),
  }),
  /** Words that shape a query (the engine's query layer reads them; see src/engine/spans.ts). */
  negation: Words.default([]),
  conjunctions: z.object({ and: Words, or: Words }).default({ and: [], or: [] }),
  /** "first" … "seventh" under "1" … "7", "last", and "middle". */
  ordinals: z.record(z.string().regex(/^(-?[1-9]|last|middle)$/), Words).default({}),
  /** Number words, "2" … "9", for "the three nearest". */
  numbers: z.record(z.string().regex(/^[1-9]$/), Words).default({}),
  /** Words pointing back at what was shown or said: "them", "those", "it", "ten". */
  references: Words.default([]),
  /** Words that open a question: where a message holding two questions splits. */
  questionWords: Words.default([]),
  /** Bounds on distance: "more than" / "less than" before a number of kilometres, and the units. */
  distanceBounds: z
    .object({
      more: Words,
      less: Words,
      units: Words,
      /** "between 300 and 1000 km", "tra 300 e 1000 km", "od 300 do 1000 km": before the first number… */
      between: Words.default([]),
      /** …and between the two. */
      rangeTo: Words.default([]),
    })
    .default({ more: [], less: [], units: [], between: [], rangeTo: [] }),
  /** Comparisons before a partner's name ("farther than Berdychiv"): not "do Dasing", "fino a Kirov". */
  comparedWith: z.object({ more: Words, less: Words }).default({ more: [], less: [] }),
  /** Decades written as words, under their first year: "1990": ["nineties", "novanta", "dziewięćdziesiąt*"]. */
  decades: z.record(z.string().regex(/^\d{4}$/), Words).default({}),
  /** "other", "inne", "altre": the partners besides the one talked about. */
  other: Words.default([]),
  /** "only", "tylko", "solo" before areas: those areas and no others. */
  only: Words.default([]),
  /** "my country", "mój kraj", "il mio paese": the country the asker said they are from. */
  mine: Words.default([]),
  /** "my city", "us", "nasze miasto", "noi": the partner town the asker said they are from. */
  ours: Words.default([]),
  /** "where is it", "gdzie leży", "dove si trova": where a partner lies, asked of the one picked. */
  where: Words.default([]),
  /** "in which countries", "w jakich krajach", "in quali paesi": where the partners asked of lie, not Siedlce's contacts. */
  lieIn: Words.default([]),
  /** Words widening a question to every partner ("of all", "ze wszystkich"), not the list shown. */
  whole: Words.default([]),
  /** "in the same year", "w tym samym roku", "nello stesso anno": the year the partner in focus signed. */
  sameYear: Words.default([]),
  /** "right", "tuż", "subito" before "before"/"after": the one next to it in time, not all of them. */
  adjacent: Words.default([]),
  /** Words asking of each one talked about ("each of them", "każde z nich"), not only the last named. */
  each: Words.default([]),
  /** The last list's order turned around ("the other way round", "odwrotnie", "al contrario"). */
  reversed: Words.default([]),
  /** Words asking each listed partner's signing date with the list ("with their dates", "z datami"). */
  withDates: Words.default([]),
  /** Words before a place that only locate something else ("near Vilnius", "pod Wilnem"). */
  near: Words.default([]),
  /** Words that open a statement about the person asking ("I'm", "sono", "jestem"): not filters. */
  asker: Words.default([]),
  /** Words that, opening a phrase after a comma, start a relative clause ("…, which…", "…, które…"), not a question. */
  relatives: Words.default([]),
  /** Words opening a preamble before the request ("in connection with the report, …", "w związku z"): background. */
  preambles: Words.default([]),
  /** Nouns naming a date ("date", "data", "rok"): "the date of the oldest agreement" asks a date, not a list. */
  dateWords: Words.default([]),
  /** A tag asking to confirm what was just said ("…, yes?", "…, vero?", "…, prawda?"): no question of its own. */
  confirmations: Words.default([]),
  /** Verbs that report or ask a question ("szef pyta", "I wonder", "mi chiedo"): the question word after them asks, what comes before is background. */
  askVerbs: Words.default([]),
  /** Words opening a reason after the question ("because", "bo", "perché"): background, not filters. */
  reasons: Words.default([]),
  /** Words after a country that exclude it ("Russia excluded", "Russia a parte"). */
  negationAfter: Words.default([]),
  school: Words,
  /** Schools called by their number as a noun ("dwunastka" is school no. 12), read next to a school word. */
  schoolNicknames: z.record(z.string().regex(/^\d{1,2}$/), Words).default({}),
  nameSuffixes: Words,
  /**
   * How the language spells sounds that foreign names write otherwise, folded letters → the
   * English romanisation ("w" → "v", "cz" → "ch"): "Kirowsk" is Kirovsk, "Wołgograd" Volgograd.
   */
  spellings: z.record(z.string().min(1), z.string()).default({}),
  /** Words asking for a picture: a map of the partnerships or a timeline of the agreements. */
  pictures: z.object({ map: Words, timeline: Words }).default({ map: [], timeline: [] }),
});
export type Cues = z.infer<typeof CuesSchema>;

const ExampleSchema = z.object({
  text: z.string().min(1),
  intent: IntentSchema,
  partners: z.array(z.string()).default([]),
});

/** The parts of translation.json that code reads directly; i18next serves the rest by key. */
export const TranslationSchema = z.looseObject({
  meta: z.object({ languageName: z.string().min(1), dateLocale: z.string().min(2) }),
  examples: z.array(ExampleSchema).min(1),
  areas: z.record(z.string(), z.string().min(1)),
});
export type Translation = z.infer<typeof TranslationSchema>;

export interface Locale {
  language: Language;
  translation: Translation;
  cues: Cues;
  /** The language's commonest words, folded (locales/xx/words.txt): they tell a message's language, nothing more. */
  commonWords?: readonly string[];
}

export interface Locales {
  languages: Languages;
  byLanguage: ReadonlyMap<Language, Locale>;
}

/** The optional list of a language's commonest words (COMMON_WORDS_FILE), one a line, `#` starting a comment. */
function commonWordsIn(file: string): Pick<Locale, 'commonWords'> {
  if (!existsSync(file)) return {};
  const words = readDataText(file, 'LOCALES_DIR')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  return { commonWords: words };
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  const result = schema.safeParse(parseJsonText(readDataText(file, 'LOCALES_DIR'), file));
  if (!result.success) {
    throw new DataFileError(`${file} is invalid at ${describeError(result.error)} — fix that field and start again`);
  }
  return result.data;
}

/**
 * Every folder of locales/ that holds a translation.json is a language the bot speaks. Each must
 * have every sentence of the reference language (the default language; else the first), with the
 * same {{variables}} and the plural forms its own language needs.
 */
export function loadLocales(dir = DEFAULT_LOCALES_DIR, reference?: Language): Locales {
  const languages = languageFolders(dir);
  const [first, ...rest] = languages;
  if (first === undefined) {
    throw new DataFileError(`no languages found in ${dir} — each language needs locales/<code>/translation.json`);
  }
  const byLanguage = new Map<Language, Locale>();
  for (const language of languages) {
    byLanguage.set(language, {
      language,
      translation: readJson(join(dir, language, 'translation.json'), TranslationSchema),
      cues: readJson(join(dir, language, 'cues.json'), CuesSchema),
      ...commonWordsIn(join(dir, language, COMMON_WORDS_FILE)),
    });
  }
  const files = [...byLanguage.values()].map((locale) => ({
    language: locale.language,
    file: join(dir, locale.language, 'translation.json'),
    translation: locale.translation,
  }));
  const referenceFile = files.find((file) => file.language === (reference ?? first)) ?? files[0];
  if (referenceFile)
    checkTranslations(
      referenceFile,
      files.filter((file) => file !== referenceFile),
    );
  return { languages: [first, ...rest], byLanguage };
}
