import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { UnansweredEntry } from '../../src/service/assistant.js';
import { openStore } from '../../src/store/state.js';
import { groupUnanswered } from '../../src/store/unanswered.js';
import { runScript } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const entry = (text: string, minutes: number, extra: Partial<UnansweredEntry> = {}): UnansweredEntry => ({
  at: at(minutes),
  language: 'en',
  platform: 'discord',
  intent: 'not_a_partner',
  text,
  ...extra,
});

const ENTRIES: UnansweredEntry[] = [
  entry('Is Paris a partner?', 50),
  entry('is paris a partner', 40, { platform: 'telegram' }),
  entry('IS PARIS A PARTNER?!', 30, { language: 'pl' }),
  entry('Czy Kraków jest miastem partnerskim?', 20, { language: 'pl', intent: 'unknown' }),
  entry('czy krakow jest miastem partnerskim', 10, { language: 'pl', intent: 'unknown', platform: 'console' }),
  entry('Pisa?', 5, { language: 'it' }),
];

describe('grouping', () => {
  it('groups by folded text and counts, most frequent first, with the first spelling as example', () => {
    const groups = groupUnanswered(ENTRIES);
    expect(groups.map((group) => [group.count, group.key, group.example])).toEqual([
      [3, 'is paris a partner', 'Is Paris a partner?'],
      [2, 'czy krakow jest miastem partnerskim', 'Czy Kraków jest miastem partnerskim?'],
      [1, 'pisa', 'Pisa?'],
    ]);
    expect(groups[0]?.languages).toEqual({ en: 2, pl: 1 });
    expect(groups[0]?.platforms).toEqual({ discord: 2, telegram: 1 });
    expect(groups[1]?.intents).toEqual({ unknown: 2 });
  });
});

describe('npm run report', () => {
  it('prints the most frequent unanswered questions from the state store', async () => {
    const store = openStore({ stateDir: dir });
    for (const item of ENTRIES) await store.unanswered.record(item);
    await store.close();

    const text = await runScript('src/cli/report.ts', { STATE_DIR: dir });
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe('6 unanswered question(s) in 3 group(s); the most frequent first:');
    expect(lines.slice(1).filter((line) => /^\d/.test(line))).toEqual([
      '3  Is Paris a partner?',
      '2  Czy Kraków jest miastem partnerskim?',
      '1  Pisa?',
    ]);

    const json = await runScript('src/cli/report.ts', { STATE_DIR: dir }, '', ['--json', '--limit', '2']);
    expect(json.code).toBe(0);
    const groups = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { count: number; key: string });
    expect(groups.map((group) => [group.count, group.key])).toEqual([
      [3, 'is paris a partner'],
      [2, 'czy krakow jest miastem partnerskim'],
    ]);

    const recent = await runScript('src/cli/report.ts', { STATE_DIR: dir }, '', ['--json', '--days', '0.005']);
    expect(
      recent.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { key: string }).key),
    ).toEqual(['pisa']);
  });

  it('says so when nothing was logged', async () => {
    const empty = mkdtempSync(join(dir, 'empty-'));
    const result = await runScript('src/cli/report.ts', { STATE_DIR: empty });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('No unanswered questions logged.\n');
  });
});
