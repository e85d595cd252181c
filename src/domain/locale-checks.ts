import { DataFileError } from './load.js';
import type { Language } from './schema.js';

/** One translation file as the checks see it: its language, where it is, what it holds. */
export interface TranslationFile {
  language: Language;
  file: string;
  translation: Record<string, unknown>;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const VARIABLE = /\{\{\s*([^}\s,]+)[^}]*\}\}/g;
/**
 * A name in one of its case forms ({{name_ins}}, data/partners.json `forms`) is the same variable
 * as the plain name: a language that declines names uses the forms, the others the name.
 */
const CASE_FORM = /_(gen|ins|loc)$/;

interface Sentence {
  /** The plural categories it has ("_one", "_other"…), empty when it is not plural. */
  forms: Set<string>;
  variables: Set<string>;
}

/** Every sentence of a translation by its key, plural forms gathered under their base key. */
function sentences(translation: Record<string, unknown>): Map<string, Sentence> {
  const found = new Map<string, Sentence>();
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = `${prefix}${key}`;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        walk(value as Record<string, unknown>, `${path}.`);
        continue;
      }
      if (typeof value !== 'string') continue;
      const plural = PLURAL_SUFFIX.exec(path);
      const base = plural ? path.slice(0, plural.index) : path;
      const sentence = found.get(base) ?? { forms: new Set<string>(), variables: new Set<string>() };
      if (plural?.[1]) sentence.forms.add(plural[1]);
      for (const match of value.matchAll(VARIABLE))
        if (match[1]) sentence.variables.add(match[1].replace(CASE_FORM, ''));
      found.set(base, sentence);
    }
  };
  walk(translation, '');
  return found;
}

/**
 * The plural categories a language needs for the counts the bot says (0 to 1,000), plus `other`
 * (i18next's fallback). Italian's "many" only applies from a million, so it is not required.
 */
export function requiredPluralForms(language: Language): Set<string> {
  const rules = new Intl.PluralRules(language);
  const forms = new Set<string>(['other']);
  for (let count = 0; count <= 1000; count += 1) forms.add(rules.select(count));
  // Polish, Russian…: `other` is for fractions only; i18next still falls back to it, so keep it asked.
  return forms;
}

const list = (values: Iterable<string>) => [...values].map((value) => `{{${value}}}`).join(', ');

/**
 * Checks that every translation has every sentence of the reference one, with the plural forms its
 * language needs and the same {{variables}}. Throws one line naming the file and the key.
 */
export function checkTranslations(reference: TranslationFile, others: readonly TranslationFile[]): void {
  const expected = sentences(reference.translation);
  for (const other of [reference, ...others]) {
    const actual = other === reference ? expected : sentences(other.translation);
    const fail = (key: string, problem: string, fix: string) => {
      throw new DataFileError(`${other.file}: ${key} ${problem} — ${fix}`);
    };
    for (const [key, wanted] of expected) {
      const sentence = actual.get(key);
      if (!sentence) fail(key, `is missing (${reference.file} has it)`, 'add the sentence');
      if (!sentence) continue;
      if (wanted.forms.size > 0 || sentence.forms.size > 0) {
        const missing = [...requiredPluralForms(other.language)].filter((form) => !sentence.forms.has(form));
        if (missing.length > 0) {
          fail(
            key,
            `lacks the plural form${missing.length > 1 ? 's' : ''} ${missing.map((form) => `${key}_${form}`).join(', ')}`,
            `add ${missing.length > 1 ? 'them' : 'it'} (${other.language} needs ${[...requiredPluralForms(other.language)].join(', ')})`,
          );
        }
      }
      const absent = [...wanted.variables].filter((name) => !sentence.variables.has(name));
      const extra = [...sentence.variables].filter((name) => !wanted.variables.has(name));
      if (absent.length > 0) {
        fail(
          key,
          `does not use ${list(absent)}, which ${reference.file} uses`,
          'put the variable back in the sentence',
        );
      }
      if (extra.length > 0) {
        fail(
          key,
          `uses ${list(extra)}, which ${reference.file} does not`,
          'use only the variables of the reference sentence',
        );
      }
    }
  }
}
