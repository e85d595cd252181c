import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { engineFromConfig } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import type { Engine } from '../../src/engine/index.js';
import { dataFolders, watchAndReload } from '../../src/ops/reload.js';
import { ROOT } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'reload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually(test: () => boolean, what: string, ms = 10_000): Promise<void> {
  for (const started = Date.now(); !test(); await sleep(25)) {
    if (Date.now() - started > ms) throw new Error(`never happened: ${what}`);
  }
}

/** A logger whose lines the test can read. */
function capture() {
  const lines: { level: number; msg: string; error?: string }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: pino({ level: 'info' }, stream) };
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
    const { lines, logger } = capture();
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
      await eventually(() => lines.some((line) => line.msg.includes('rejected')), 'the rejection is logged');
      await sleep(500);
      const rejected = lines.filter((line) => line.msg.includes('rejected'));
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.level).toBe(50);
      expect(rejected[0]?.msg).toBe('data change rejected, still using the previous data');
      expect(rejected[0]?.error).toContain('is not valid JSON');
      expect(engine).toBe(first);
      expect(signed()).toContain('1998');

      // Valid JSON that breaks the schema: a date that is not a date.
      writeFileSync(dataFile, original.replace('"signed": "1998-07-26"', '"signed": "26 July"'));
      await eventually(() => lines.filter((line) => line.msg.includes('rejected')).length === 2, 'second rejection');
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
      await eventually(() => lines.filter((line) => line.msg.includes('rejected')).length === 3, 'locale rejection');
      expect(lines.at(-1)?.error).toContain('translation.json');
      expect(signed()).toContain('1999');
    } finally {
      reloader.close();
    }
  });
});
