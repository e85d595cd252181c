import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAliases } from '../../src/domain/checks.js';
import { DataFileError, parseDataset } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import type { Dataset } from '../../src/domain/schema.js';
import { ROOT } from '../support/run.js';

const locales = loadLocales();
const original = readFileSync(join(ROOT, 'data', 'partners.json'), 'utf8');

type Editable = { partners: { id: string; aliases: string[] }[]; places: { aliases: string[] }[] };
function check(edit: (data: Editable) => void): string | undefined {
  const data = JSON.parse(original) as Editable;
  edit(data);
  const dataset: Dataset = parseDataset(data, locales.languages, 'data/partners.json');
  try {
    checkAliases(dataset, locales, 'data/partners.json');
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as Error).message.split('\n')).toHaveLength(1);
    return (error as Error).message;
  }
}
const partner = (data: Editable, id: string) => {
  const found = data.partners.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no partner ${id}`);
  return found;
};
const indexOf = (id: string) => (JSON.parse(original) as Editable).partners.findIndex((p) => p.id === id);

describe('alias checks', () => {
  it('accept the data as it is', () => {
    expect(check(() => undefined)).toBeUndefined();
  });

  it('refuse a one-letter alias ("A z Kirowem?" would name Dasing)', () => {
    const message = check((data) => partner(data, 'dasing').aliases.push('a'));
    expect(message).toMatch(
      new RegExp(
        `^data/partners\\.json: partners\\.${indexOf('dasing')}\\.aliases\\.\\d+ "a" is shorter than 3 letters — `,
      ),
    );
  });

  it('refuse an alias that is a word the bot listens for', () => {
    expect(check((data) => partner(data, 'sabinov').aliases.push('where'))).toMatch(
      /"where" is a word the bot listens for in locales\/en\/cues\.json/,
    );
    expect(check((data) => partner(data, 'sabinov').aliases.push('Kiedy'))).toMatch(/locales\/pl\/cues\.json/);
  });

  it('refuse an alias shared by two partners, or by a partner and a place', () => {
    expect(check((data) => partner(data, 'kirov').aliases.push('Dasing'))).toMatch(
      /"Dasing" also stands for partner "dasing" \(partners\.\d+\.(aliases|names)\.\w+\) — keep it for one of them only$/,
    );
    expect(check((data) => partner(data, 'kirov').aliases.push('Paryż'))).toMatch(
      /"Paryż" (also stands for|is a word)/,
    );
    expect(check((data) => data.places[0]?.aliases.push('Wileńszczyzna'))).toMatch(
      /"Wileńszczyzna" also stands for partner "vilnius-district"/,
    );
  });
});
