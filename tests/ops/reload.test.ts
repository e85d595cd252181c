import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineFromConfig } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { MAX_FILE_BYTES } from '../../src/domain/load.js';
import type { Engine } from '../../src/engine/index.js';
import { dataFolders, watchAndReload } from '../../src/ops/reload.js';
import { memoryLogger } from '../support/log.js';
import { ROOT } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'reload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually(test: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (const started = Date.now(); !test(); await sleep(25)) {
    if (Date.now() - started > ms) throw new Error(`never happened: ${what}`);
  }
}

describe('hot reload of data/ and locales/', () => {
  it('swaps in a valid edit, and keeps the old data with one log line for an invalid one', async () => {
    const dataFile = join(dir, 'data', 'partners.json');
    const localesDir = join(dir, 'locales');
    cpSync(join(ROOT, 'data', 'partners.json'), dataFile);
    cpSync(join(ROOT, 'locales'), localesDir, { recursive: true });
    const config = loadConfig({ DATA_FILE: dataFile, LOCALES_DIR: localesDir });
    const original = readFileSync(dataFile, 'utf8');

    let engine: Engine = engineFromConfig(config);
    const { lines, logger } = memoryLogger('info');
    const outcomes: boolean[] = [];
    const reloader = watchAndReload({
      folders: () => dataFolders(dataFile, localesDir),
      build: () => engineFromConfig(config),
      apply: (next) => {
        engine = next;
      },
      onReload: (ok) => outcomes.push(ok),
      logger,
      debounceMs: 100,
    });
    const signed = () => engine.answer({ text: 'When was the agreement with Dasing signed?' }).text;
    try {
      expect(signed()).toContain('1998');
      const first = engine;

      // Broken JSON, as when an editor saves half a file.
      writeFileSync(dataFile, original.slice(0, original.length / 2));
      await eventually(() => lines.some((line) => line.msg?.includes('rejected')), 'the rejection is logged');
      await sleep(500);
      const rejected = lines.filter((line) => line.msg?.includes('rejected'));
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.level).toBe(50);
      expect(rejected[0]?.msg).toBe('data change rejected, still using the previous data');
      expect(rejected[0]?.error).toContain('is not valid JSON');
      expect(engine).toBe(first);
      expect(signed()).toContain('1998');

      // Valid JSON that breaks the schema: a date that is not a date.
      writeFileSync(dataFile, original.replace('"signed": "1998-07-26"', '"signed": "26 July"'));
      await eventually(() => lines.filter((line) => line.msg?.includes('rejected')).length === 2, 'second rejection');
      expect(lines.at(-1)?.error).toContain('signed');
      expect(engine).toBe(first);

      // A good edit goes into service.
      writeFileSync(dataFile, original.replace('"signed": "1998-07-26"', '"signed": "1999-07-26"'));
      await eventually(() => signed().includes('1999'), 'the edit is answered');
      expect(lines.at(-1)?.msg).toBe('data reloaded');
      expect(outcomes).toEqual([false, false, true]);

      // The locales are watched too: a broken translation is rejected, the old words stay.
      const translation = join(localesDir, 'en', 'translation.json');
      writeFileSync(translation, '{ "meta": ');
      await eventually(() => lines.filter((line) => line.msg?.includes('rejected')).length === 3, 'locale rejection');
      expect(lines.at(-1)?.error).toContain('translation.json');
      expect(signed()).toContain('1999');
    } finally {
      reloader.close();
    }
  });
});

describe('hot reload that cannot hurt', () => {
  let counter = 0;
  /** A data folder and a locales folder of its own, watched by a reloader that polls quickly. */
  function setUp(options: { link?: boolean } = {}) {
    const base = join(dir, `case-${++counter}`);
    const target = join(base, 'elsewhere', 'partners.json');
    const dataFile = join(base, 'data', 'partners.json');
    const localesDir = join(base, 'locales');
    cpSync(join(ROOT, 'locales'), localesDir, { recursive: true });
    if (options.link) {
      cpSync(join(ROOT, 'data', 'partners.json'), target);
      mkdirSync(join(base, 'data'), { recursive: true });
      symlinkSync(target, dataFile);
    } else {
      cpSync(join(ROOT, 'data', 'partners.json'), dataFile);
    }
    const config = loadConfig({ DATA_FILE: dataFile, LOCALES_DIR: localesDir });
    let engine: Engine = engineFromConfig(config);
    const { lines, logger } = memoryLogger('info');
    const reloader = watchAndReload({
      folders: () => dataFolders(dataFile, localesDir),
      build: () => engineFromConfig(config),
      apply: (next) => {
        engine = next;
      },
      logger,
      debounceMs: 50,
      pollMs: 100,
    });
    const signed = () => engine.answer({ text: 'When was the agreement with Dasing signed?' }).text;
    return { base, dataFile, target, lines, reloader, signed };
  }
  const edited = readFileSync(join(ROOT, 'data', 'partners.json'), 'utf8').replace(
    '"signed": "1998-07-26"',
    '"signed": "1999-07-26"',
  );

  it('sees an atomic save (a new file renamed over the old one)', async () => {
    const { dataFile, reloader, signed } = setUp();
    try {
      writeFileSync(`${dataFile}.tmp`, edited);
      renameSync(`${dataFile}.tmp`, dataFile);
      await eventually(() => signed().includes('1999'), 'the atomic save is answered');
    } finally {
      reloader.close();
    }
  });

  it('sees an edit of a symlinked file’s target', async () => {
    const { target, reloader, signed } = setUp({ link: true });
    try {
      expect(signed()).toContain('1998');
      writeFileSync(target, edited);
      await eventually(() => signed().includes('1999'), 'the target edit is answered');
    } finally {
      reloader.close();
    }
  });

  it('goes on after the data folder is replaced, and says so', async () => {
    const { base, dataFile, lines, reloader, signed } = setUp();
    try {
      const folder = join(base, 'data');
      const staged = join(base, 'data-new');
      mkdirSync(staged);
      writeFileSync(join(staged, 'partners.json'), edited);
      renameSync(folder, join(base, 'data-old'));
      renameSync(staged, folder);
      await eventually(() => signed().includes('1999'), 'the new folder is answered');
      expect(lines.some((line) => line.msg?.includes('folder was replaced'))).toBe(true);
      // And the new folder is watched: a later edit there is seen too.
      writeFileSync(dataFile, edited.replace('"signed": "1999-07-26"', '"signed": "2000-07-26"'));
      await eventually(() => signed().includes('2000'), 'an edit in the new folder is answered');
    } finally {
      reloader.close();
    }
  });

  it('refuses a file past the size cap before parsing it', async () => {
    const { dataFile, lines, reloader, signed } = setUp();
    try {
      writeFileSync(dataFile, `{"padding": "${'x'.repeat(MAX_FILE_BYTES)}"}`);
      await eventually(() => lines.some((line) => line.msg?.includes('rejected')), 'the big file is rejected');
      expect(lines.find((line) => line.msg?.includes('rejected'))?.error).toMatch(
        /partners\.json is 513 KB, more than the 512 KB a data file may have/,
      );
      expect(signed()).toContain('1998');
    } finally {
      reloader.close();
    }
  });
});
