import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFileError, loadDataset, MAX_FILE_BYTES } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import { ROOT } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const languages = loadLocales().languages;
const original = readFileSync(join(ROOT, 'data', 'partners.json'), 'utf8');

describe('data files as editors save them', () => {
  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, `\uFEFF${original}`);
    expect(loadDataset(languages, file).partners).toHaveLength(7);
  });

  it('refuses a file past the size cap with one line, before reading it', () => {
    const file = join(dir, 'huge.json');
    writeFileSync(file, ' '.repeat(MAX_FILE_BYTES + 1));
    expect(() => loadDataset(languages, file)).toThrow(DataFileError);
    expect(() => loadDataset(languages, file)).toThrow(
      /huge\.json is 513 KB, more than the 512 KB a data file may have/,
    );
  });
});
