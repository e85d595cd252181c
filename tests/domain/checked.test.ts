import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { engineFromConfig } from '../../src/bootstrap.js';
import { configShortcut, loadConfig } from '../../src/config.js';
import { checkFiles } from '../../src/domain/check-files.js';
import {
  CHECKING_CODE,
  type CheckRecord,
  checkedOf,
  checkInputsOf,
  checkKey,
  readRecord,
  writeRecord,
} from '../../src/domain/checked.js';
import { DEFAULT_DATA_FILE, DEFAULT_LOCALES_DIR } from '../../src/domain/files.js';
import { checkedGazetteerSum, DEFAULT_GAZETTEER_FILE, placesData } from '../../src/domain/gazetteer-file.js';
import { configFromShortcut, quickEngine } from '../../src/quick-start.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-checked-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DASING = 'Kiedy podpisano umowę z Dasing?';

/** A copy of data/ and locales/ to edit, a record file of its own, and the settings pointing at them. */
function copyOfFiles() {
  const folder = mkdtempSync(join(dir, 'files-'));
  const dataFile = join(folder, 'partners.json');
  const localesDir = join(folder, 'locales');
  cpSync(DEFAULT_DATA_FILE, dataFile);
  cpSync(DEFAULT_LOCALES_DIR, localesDir, { recursive: true });
  const env = { DATA_FILE: dataFile, LOCALES_DIR: localesDir };
  return { dataFile, localesDir, env, record: join(folder, 'checked.json') };
}

type Files = ReturnType<typeof copyOfFiles>;

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};

/** The message a start through the full check fails with. */
function fullCheckFailure(env: NodeJS.ProcessEnv): string {
  try {
    engineFromConfig(loadConfig(env));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the full check passed');
}

async function quickFailure(files: Files): Promise<string> {
  try {
    await quickEngine(files.env, files.record);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the quick start passed');
}

const answerOf = async (files: Files, text = DASING) => (await quickEngine(files.env, files.record)).answer({ text });

/** Changes what the record says Dasing's signing date is, keeping its key: only a start that reads it says 1901. */
function plantInRecord(recordFile: string) {
  const record = JSON.parse(readFileSync(recordFile, 'utf8')) as CheckRecord;
  const dasing = record.dataset.partners.find((partner) => partner.id === 'dasing');
  if (!dasing) throw new Error('no Dasing in the record');
  dasing.signed = '1901-07-26';
  writeFileSync(recordFile, JSON.stringify(record));
}

describe('the record of checked files', () => {
  let files: Files;
  beforeEach(() => {
    files = copyOfFiles();
  });

  it('holds exactly what the full check gives', () => {
    const config = loadConfig(files.env);
    const key = checkKey(checkInputsOf(config));
    expect(key).toBeDefined();
    const checked = checkFiles(config);
    writeRecord(checked, key ?? '', configShortcut(), files.record);
    const record = readRecord(files.record);
    expect(record?.key).toBe(key);
    expect(record && checkedOf(record)).toEqual({ ...checked, gazetteerSum: checkedGazetteerSum() });
    expect(record?.gazetteerSum).toMatch(/^\d+ \d+$/);
  });

  it('is written by a first start and read by the next while the files are unchanged', async () => {
    expect((await answerOf(files)).text).toContain('26 lipca 1998');
    expect(readRecord(files.record)).toBeDefined();
    plantInRecord(files.record);
    expect((await answerOf(files)).text).toContain('26 lipca 1901');
  });

  it('is ignored once a file was edited: the edit is checked and used, and recorded', async () => {
    await answerOf(files);
    const before = readRecord(files.record)?.key;
    plantInRecord(files.record);
    edit(files.dataFile, '"signed": "1998-07-26"', '"signed": "1999-07-26"');
    expect((await answerOf(files)).text).toContain('26 lipca 1999');
    expect(readRecord(files.record)?.key).not.toBe(before);
    expect((await answerOf(files)).text).toContain('26 lipca 1999');
  });

  it('is ignored once a locale file was edited', async () => {
    await answerOf(files);
    plantInRecord(files.record);
    edit(join(files.localesDir, 'pl', 'cues.json'), '"words": [', '"words": ["dasinżek", ');
    expect((await answerOf(files)).text).toContain('26 lipca 1998');
  });

  it('is ignored when a language is removed: the full check says what no longer fits', async () => {
    await answerOf(files);
    rmSync(join(files.localesDir, 'it'), { recursive: true });
    const message = await quickFailure(files);
    expect(message).toBe(fullCheckFailure(files.env));
    expect(message).toMatch(/partners\.json is invalid at .*unknown field it/);
  });

  it('is ignored when it was written against another default language', async () => {
    await answerOf(files);
    plantInRecord(files.record);
    const engine = await quickEngine({ ...files.env, DEFAULT_LANGUAGE: 'en' }, files.record);
    expect(engine.answer({ text: DASING }).text).toContain('26 lipca 1998');
  });

  it('never stands in for a broken file: the same one line as every other start', async () => {
    await answerOf(files);
    edit(files.dataFile, '"signed": "1998-07-26"', '"signed": "26.07.1998"');
    const message = await quickFailure(files);
    expect(message).toBe(fullCheckFailure(files.env));
    expect(message).toMatch(/partners\.json is invalid at partners\.\d+\.signed/);
  });

  it('never stands in for a file that became unreadable', async () => {
    await answerOf(files);
    rmSync(join(files.localesDir, 'pl', 'places.json'));
    const message = await quickFailure(files);
    expect(message).toBe(fullCheckFailure(files.env));
    expect(message).toContain('places.json');
  });

  it.each([
    ['not JSON', 'not json {'],
    ['cut short', (text: string) => text.slice(0, text.length / 2)],
    ['empty', ''],
    ['null', 'null'],
    ['of another format', (text: string) => text.replace('"format":1', '"format":0')],
    ['missing its dataset', (text: string) => JSON.stringify({ ...JSON.parse(text), dataset: undefined })],
    [
      'holding settings of another shape',
      (text: string) => {
        const record = JSON.parse(text) as CheckRecord;
        return JSON.stringify({ ...record, config: { ...record.config, names: 1 } });
      },
    ],
    [
      'holding no default settings',
      (text: string) => JSON.stringify({ ...JSON.parse(text), config: { names: [], freeText: [] } }),
    ],
  ])('is ignored when it is %s, and written again', async (_what, corrupt) => {
    await answerOf(files);
    const text = readFileSync(files.record, 'utf8');
    writeFileSync(files.record, typeof corrupt === 'string' ? corrupt : corrupt(text));
    expect((await answerOf(files)).text).toContain('26 lipca 1998');
    expect(readRecord(files.record)?.key).toBe(checkKey(checkInputsOf(loadConfig(files.env))));
  });

  it('is not needed: a record that cannot be written leaves the start as it is', async () => {
    const unwritable = { ...files, record: join(files.localesDir, 'no-such-folder', 'checked.json') };
    expect((await answerOf(unwritable)).text).toContain('26 lipca 1998');
    expect(readRecord(unwritable.record)).toBeUndefined();
  });

  it('answers every question as the full check does', async () => {
    const full = engineFromConfig(loadConfig(files.env));
    await quickEngine(files.env, files.record);
    const quick = await quickEngine(files.env, files.record);
    const questions = readFileSync(new URL('../engine/eval-set.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { text: string }).text);
    for (const text of questions) expect(quick.answer({ text })).toEqual(full.answer({ text }));
  });
});

describe('the gazetteer on record', () => {
  const checked = () => checkFiles(loadConfig({}));
  const withBadLine = () => {
    const file = join(mkdtempSync(join(dir, 'gazetteer-')), 'gazetteer.tsv');
    writeFileSync(file, `${readFileSync(DEFAULT_GAZETTEER_FILE, 'utf8')}no country here\n`);
    return file;
  };
  const load = (gazetteerFile: string, checkedSum: string | undefined) => {
    const { dataset, placesLocales } = checked();
    return () => placesData({ dataset, locales: placesLocales, gazetteerFile, checkedSum });
  };

  it('is checked whenever its sum is not the one that passed', () => {
    const file = withBadLine();
    expect(checkedGazetteerSum(file)).toBeUndefined();
    expect(load(file, checkedGazetteerSum())).toThrow(/gazetteer\.tsv is invalid at line \d+/);
    expect(load(file, undefined)).toThrow(/gazetteer\.tsv is invalid at line \d+/);
  });

  it('is not checked again when it is the very file that passed', () => {
    const file = withBadLine();
    // a sum no check gave: only a load that trusts the sum takes this file
    const { size } = statSync(file);
    const sum = `${size} ${crc32(readFileSync(file))}`;
    expect(load(file, sum)().gazetteer).toContain('no country here');
  });
});

describe('the key of the record', () => {
  const DOMAIN = fileURLToPath(new URL('../../src/domain/', import.meta.url));
  /** Every module a checking module imports (values, not types), named as CHECKING_CODE names them. */
  function importsOf(module: string): string[] {
    const file = join(DOMAIN, `${module}.ts`);
    const source = readFileSync(file, 'utf8');
    return [...source.matchAll(/^import (?!type )[^;]*? from '(\.[^']+)\.js';/gms)].map(([, path = '']) => {
      const named = relative(DOMAIN, join(dirname(file), path));
      return named.startsWith('.') ? named : `./${named}`;
    });
  }

  it('covers all the code the checks run (what the listed modules import is listed too)', () => {
    const listed = new Set<string>(CHECKING_CODE);
    for (const module of CHECKING_CODE) {
      for (const imported of importsOf(module)) expect(listed, `${module} imports ${imported}`).toContain(imported);
    }
  });

  it('changes with every file read', () => {
    const files = copyOfFiles();
    const inputs = checkInputsOf(loadConfig(files.env));
    const first = checkKey(inputs);
    for (const file of [
      files.dataFile,
      ...['translation.json', 'cues.json', 'places.json'].map((name) => join(files.localesDir, 'en', name)),
    ]) {
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, `${text} `);
      expect(checkKey(inputs), file).not.toBe(first);
      writeFileSync(file, text);
      expect(checkKey(inputs)).toBe(first);
    }
    expect(checkKey({ ...inputs, reference: 'en' })).not.toBe(first);
  });
});

describe('the settings the record keeps', () => {
  const shortcut = configShortcut();

  it.each([
    ['nothing set', {}],
    ['tokens only', { DISCORD_TOKEN: ' abc ', TELEGRAM_TOKEN: '123:xyz', DISCORD_APPLICATION_ID: '42' }],
    ['empty values', { DISCORD_TOKEN: '', STATE_DIR: '  ' }],
  ])('give what loadConfig gives: %s', (_what, env) => {
    expect(configFromShortcut(env, shortcut)).toEqual(loadConfig(env));
  });

  it.each([
    ['a setting that is checked', { CONFIDENCE_THRESHOLD: '0.7' }],
    ['a wrong value', { CONFIDENCE_THRESHOLD: '7' }],
    ['a path', { DATA_FILE: DEFAULT_DATA_FILE }],
    ['a token and a number', { DISCORD_TOKEN: 'abc', HEALTH_PORT: '80800' }],
  ])('leave %s to loadConfig', (_what, env) => {
    expect(configFromShortcut(env, shortcut)).toBeUndefined();
  });

  it('a wrong setting stops the quick start with the same line as every other start', async () => {
    await expect(quickEngine({ CONFIDENCE_THRESHOLD: '7' })).rejects.toThrow(
      /^CONFIDENCE_THRESHOLD="7" must be a number from 0 to 1/,
    );
  });
});
