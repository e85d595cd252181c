import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import { ROOT } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-locales-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = Record<string, unknown>;
let copies = 0;
/** A copy of locales/ with one language's translation.json edited. */
function localesWith(language: string, edit: (translation: Json) => void, raw?: (text: string) => string): string {
  const copy = join(dir, `copy-${++copies}`);
  cpSync(join(ROOT, 'locales'), copy, { recursive: true });
  const file = join(copy, language, 'translation.json');
  const translation = JSON.parse(readFileSync(file, 'utf8')) as Json;
  edit(translation);
  const text = JSON.stringify(translation, null, 2);
  writeFileSync(file, raw ? raw(text) : text);
  return copy;
}

function failure(folder: string): string {
  try {
    loadLocales(folder, 'pl');
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error('the locales were accepted');
}

const section = (translation: Json, key: string) => translation[key] as Json;

describe('locale checks', () => {
  it('accepts the locales as they are', () => {
    expect(loadLocales(join(ROOT, 'locales'), 'pl').languages).toEqual(['en', 'it', 'pl']);
  });

  it('names the file and the key of a missing sentence', () => {
    const folder = localesWith('en', (t) => {
      delete section(t, 'distance').one;
    });
    expect(failure(folder)).toMatch(
      /en\/translation\.json: distance\.one is missing \(.*pl\/translation\.json has it\) — add the sentence$/,
    );
  });

  it('names a plural form the language needs', () => {
    const folder = localesWith('pl', (t) => {
      delete section(t, 'count').partners_few;
    });
    expect(failure(folder)).toMatch(
      /pl\/translation\.json: count\.partners lacks the plural form count\.partners_few — add it \(pl needs/,
    );
  });

  it('does not ask Italian for the "many" it only uses from a million', () => {
    const folder = localesWith('it', () => undefined);
    expect(loadLocales(folder, 'pl').languages).toContain('it');
  });

  it('names a {{variable}} left out or made up', () => {
    const left = localesWith('it', (t) => {
      t.signingDate = "L'accordo con {{name}} è stato firmato.";
    });
    expect(failure(left)).toMatch(
      /it\/translation\.json: signingDate does not use \{\{country\}\}, \{\{date\}\}, which/,
    );
    const made = localesWith('en', (t) => {
      section(t, 'distance').one = '{{name}} is about {{km}} km ({{miles}} miles) from Siedlce.';
    });
    expect(failure(made)).toMatch(
      /en\/translation\.json: distance\.one uses \{\{miles\}\}, which .*pl\/translation\.json does not/,
    );
  });

  it('reads a file saved with a byte-order mark', () => {
    const folder = localesWith(
      'en',
      () => undefined,
      (text) => `\uFEFF${text}`,
    );
    expect(loadLocales(folder, 'pl').byLanguage.get('en')?.translation.meta.languageName).toBe('English');
  });
});
