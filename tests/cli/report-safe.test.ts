import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printable } from '../../src/cli/printable.js';
import { openStore } from '../../src/store/state.js';
import { runScript } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A title change, a screen clear, a fake colour, an 8-bit CSI and a right-to-left override.
const HOSTILE = 'Paris?\u001b]0;owned\u0007\u001b[2J\u001b[31mred\u009b1m\u202eevil';

describe('npm run report is safe to print', () => {
  it('shows control characters as escapes, never writes them', () => {
    expect(printable(HOSTILE)).toBe('Paris?\\u001B]0;owned\\u0007\\u001B[2J\\u001B[31mred\\u009B1m\\u202Eevil');
    expect(printable('Kraków — Вільнюс 🇵🇱')).toBe('Kraków — Вільнюс 🇵🇱');
  });

  it('in the table and in --json', async () => {
    const store = openStore({ stateDir: dir });
    await store.unanswered.record({
      at: new Date().toISOString(),
      language: 'en',
      platform: 'telegram',
      intent: 'not_a_partner',
      text: HOSTILE,
    });
    await store.close();
    for (const args of [[], ['--json']]) {
      const { code, stdout } = await runScript('src/cli/report.ts', { STATE_DIR: dir }, '', args);
      expect(code).toBe(0);
      expect(stdout).toContain('owned');
      const written = [...stdout].filter((char) => ['\u0007', '\u001b', '\u009b', '\u202e'].includes(char));
      expect(written).toEqual([]);
    }
  });
});
