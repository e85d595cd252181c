import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFileError, loadDataset } from '../../src/domain/load.js';
import { DEFAULT_LOCALES_DIR, loadLocales } from '../../src/domain/locales.js';
import { checkGazetteer, DEFAULT_GAZETTEER_FILE, loadPlaces, loadPlacesLocale } from '../../src/domain/places.js';

const { languages } = loadLocales();
const dataset = loadDataset(languages);
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function brokenCopy(edit: (places: Record<string, unknown>) => void): string {
  const folder = mkdtempSync(join(tmpdir(), 'places-'));
  folders.push(folder);
  cpSync(DEFAULT_LOCALES_DIR, folder, { recursive: true });
  const file = join(folder, 'pl', 'places.json');
  const places = JSON.parse(readFileSync(file, 'utf8'));
  edit(places);
  writeFileSync(file, JSON.stringify(places));
  return folder;
}

function failure(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return (error as Error).message;
  }
  throw new Error('expected loading to fail');
}

describe('loading places', () => {
  it('loads the committed files', () => {
    const data = loadPlaces({ languages, dataset });
    expect([...data.locales.keys()].sort()).toEqual([...languages].sort());
  });

  it('stops on a Polish name without a case, naming the file and the key', () => {
    const folder = brokenCopy((places) => {
      const countries = places.countries as Record<string, { names: Record<string, string>[] }>;
      delete countries.DE?.names[0]?.gen;
    });
    const message = failure(() => loadPlaces({ languages, dataset, localesDir: folder }));
    expect(message).toContain(join(folder, 'pl', 'places.json'));
    expect(message).toContain('countries.DE.names.0.gen');
    expect(message).not.toContain('\n');
  });

  it('stops on a place without a valid country', () => {
    const folder = brokenCopy((places) => {
      (places.places as { country: string }[])[0] = { country: 'Germany' } as { country: string };
    });
    const message = failure(() => loadPlacesLocale(join(folder, 'pl', 'places.json')));
    expect(message).toMatch(/places\.0\.(name|country)/);
    expect(message).not.toContain('\n');
  });

  it('stops on a file that is not JSON, or is missing', () => {
    const folder = brokenCopy(() => {});
    writeFileSync(join(folder, 'it', 'places.json'), '{ "cases": [');
    expect(failure(() => loadPlaces({ languages, dataset, localesDir: folder }))).toContain(
      join(folder, 'it', 'places.json'),
    );
    rmSync(join(folder, 'it', 'places.json'));
    expect(failure(() => loadPlaces({ languages, dataset, localesDir: folder }))).toMatch(/places\.json is missing/);
  });

  it('stops on a malformed gazetteer line, naming the line', () => {
    const text = '# header\nberdsk\tRU\nKirov\tRussia\n';
    expect(failure(() => checkGazetteer(text, 'gazetteer.tsv'))).toMatch(
      /^gazetteer\.tsv is invalid at line 3: .*"Kirov\tRussia"/,
    );
    expect(checkGazetteer('# only a header\nberdsk\tRU\nkirovo chepetsk\tRU\tKirovo-Chepetsk\n')).toBeTypeOf('string');
  });

  it('ships a compact gazetteer, sorted as the index searches it', () => {
    expect(statSync(DEFAULT_GAZETTEER_FILE).size).toBeLessThanOrEqual(2 * 1024 * 1024);
    const names = readFileSync(DEFAULT_GAZETTEER_FILE, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => line.slice(0, line.indexOf('\t')));
    expect(names.length).toBeGreaterThan(90_000);
    const outOfOrder = names.filter((name, i) => i > 0 && !((names[i - 1] ?? '') < name));
    expect(outOfOrder).toEqual([]);
  });
});
