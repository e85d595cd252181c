import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import type { Config, ConfigShortcut } from '../config.js';
import { COMMON_WORDS_FILE, DEFAULT_DATA_FILE, DEFAULT_LOCALES_DIR, languageFolders } from './files.js';
import { checkedGazetteerSum } from './gazetteer-file.js';
import type { Locale, Locales } from './locales.js';
import type { PlacesLocale } from './places.js';
import type { Dataset, Language, Languages } from './schema.js';

// A record of the data and locale files as zod last checked them, so that the one-shot `npm run
// ask` starts without loading zod: it sums the files up (about a millisecond) and, when the sums are
// those on record, takes the checked result from the record. Any difference (an edited file, a
// new language, other checking code, another zod) or an unreadable record means a full check, as
// every other start does, which then writes a new record.

/** The files, read and checked: what an engine is built from. */
export interface CheckedFiles {
  locales: Locales;
  dataset: Dataset;
  placesLocales: ReadonlyMap<Language, PlacesLocale>;
  /** The sum of the gazetteer as it passed its check, when it was checked (src/domain/gazetteer-file.ts). */
  gazetteerSum?: string;
}

/** What the check read: the files' places and the language whose sentences the others must have. */
export interface CheckInputs {
  dataFile: string;
  localesDir: string;
  reference: string;
}

/** The files a configuration points at, and the language the others are checked against. */
export function checkInputsOf(config: Config): CheckInputs {
  return {
    dataFile: config.DATA_FILE ?? DEFAULT_DATA_FILE,
    localesDir: config.LOCALES_DIR ?? DEFAULT_LOCALES_DIR,
    reference: config.DEFAULT_LANGUAGE,
  };
}

/** The record's own file, beside the compiled code that wrote it (`npm run build` writes the first). */
export const DEFAULT_RECORD_FILE = fileURLToPath(new URL('../../dist/checked-files.json', import.meta.url));

/** A change of the record's layout is a new version, so an old record is never misread. */
const FORMAT = 3;

/** The files a language folder must have, read by the check. */
const LOCALE_FILES = ['translation.json', 'cues.json', 'places.json'] as const;

/**
 * The code that decides what a check gives (schemas, defaults, cross-file checks, the folding they
 * use, the config defaults kept alongside), beside this module: tests/domain/checked.test.ts keeps
 * the list in step with what these modules import.
 */
export const CHECKING_CODE = [
  './check-files',
  './checked',
  './checks',
  './files',
  './gazetteer-file',
  './intents',
  './issues',
  './load',
  './locale-checks',
  './locales',
  './places',
  './schema',
  '../config',
  '../settings',
  '../engine/normalize',
  '../engine/remember',
] as const;

const CODE_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

export interface CheckRecord {
  format: number;
  key: string;
  config: ConfigShortcut;
  dataset: Dataset;
  gazetteerSum?: string;
  locales: {
    language: Language;
    translation: Locale['translation'];
    cues: Locale['cues'];
    places: PlacesLocale;
    commonWords?: Locale['commonWords'];
  }[];
}

/**
 * What a check depends on, as one string: each input's name, length and CRC-32. A CRC and a length
 * for each file tell any edit from the checked file (an edit keeping both is a chance in four
 * billion), and zlib's CRC costs ~3 ms to load where node:crypto costs ~15. Undefined when a file
 * cannot be read (the check then says why).
 */
export function checkKey(inputs: CheckInputs): string | undefined {
  const parts: string[] = [`format ${FORMAT}`, `reference ${inputs.reference}`];
  const add = (label: string, content: Buffer) => parts.push(`${label} ${content.length} ${crc32(content)}`);
  try {
    for (const module of CHECKING_CODE)
      add(module, readFileSync(new URL(`${module}${CODE_EXTENSION}`, import.meta.url)));
    add('zod', readFileSync(createRequire(import.meta.url).resolve('zod/package.json')));
    add(inputs.dataFile, readFileSync(inputs.dataFile));
    const languages = languageFolders(inputs.localesDir);
    parts.push(`languages ${languages.join(',')}`);
    for (const language of languages) {
      for (const name of LOCALE_FILES) {
        const file = join(inputs.localesDir, language, name);
        add(file, readFileSync(file));
      }
      const words = join(inputs.localesDir, language, COMMON_WORDS_FILE);
      if (existsSync(words)) add(words, readFileSync(words));
    }
  } catch {
    return undefined;
  }
  return parts.join('\n');
}

/** The record, when there is one that can be read; whether it fits the files is for its key to say. */
export function readRecord(file = DEFAULT_RECORD_FILE): CheckRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<CheckRecord> | null;
    if (record?.format !== FORMAT || typeof record.key !== 'string' || !Array.isArray(record.locales)) return undefined;
    if (record.locales.length === 0 || !record.dataset || typeof record.dataset !== 'object') return undefined;
    // the settings are used before the key is compared: their shape must hold
    const config = record.config;
    if (!Array.isArray(config?.names) || !Array.isArray(config.freeText)) return undefined;
    if (typeof config.defaults !== 'object' || config.defaults === null) return undefined;
    return record as CheckRecord;
  } catch {
    return undefined;
  }
}

/** The checked files held by a record. */
export function checkedOf(record: CheckRecord): CheckedFiles {
  const languages = record.locales.map((locale) => locale.language) as unknown as Languages;
  return {
    locales: {
      languages,
      byLanguage: new Map(
        record.locales.map(({ language, translation, cues, commonWords }) => [
          language,
          { language, translation, cues, ...(commonWords ? { commonWords } : {}) },
        ]),
      ),
    },
    dataset: record.dataset,
    placesLocales: new Map(record.locales.map(({ language, places }) => [language, places])),
    gazetteerSum: typeof record.gazetteerSum === 'string' ? record.gazetteerSum : undefined,
  };
}

/** The checked files, when the record is there and was written from these very files; else undefined. */
export function recordedCheck(record: CheckRecord | undefined, key: string | undefined): CheckedFiles | undefined {
  return record && key !== undefined && record.key === key ? checkedOf(record) : undefined;
}

/**
 * Records a check (and the gazetteer's sum, when it passes its own check) under the key of the
 * files as they were before it, so an edit made meanwhile is checked again next time; replacing the file in one step so that a reader sees the old record or the new
 * one. Best effort: a folder that cannot be written to only means the next start checks again.
 */
export function writeRecord(checked: CheckedFiles, key: string, config: ConfigShortcut, file = DEFAULT_RECORD_FILE) {
  const record: CheckRecord = {
    format: FORMAT,
    key,
    config,
    dataset: checked.dataset,
    gazetteerSum: checkedGazetteerSum(),
    locales: checked.locales.languages.map((language) => {
      const locale = checked.locales.byLanguage.get(language);
      const places = checked.placesLocales.get(language);
      if (!locale || !places) throw new Error(`the check of ${language} is incomplete`);
      const { translation, cues, commonWords } = locale;
      return { language, translation, cues, places, ...(commonWords ? { commonWords } : {}) };
    }),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // nothing was written, or it cannot be removed either
    }
  }
}
