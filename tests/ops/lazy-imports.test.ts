import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, run } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TRACE = join(ROOT, 'tests/support/import-trace.mjs');
const imported = (stderr: string) =>
  [...new Set(stderr.split('\n').filter((line) => line.startsWith('IMPORTED ')))].map((line) => line.slice(9));

describe('what the terminal commands load', () => {
  it('the terminal chat loads neither discord.js nor telegraf', async () => {
    const { code, stdout, stderr } = await run(
      process.execPath,
      ['--import', TRACE, '--import', 'tsx', 'src/main.ts'],
      'Kirov?\n',
      {
        STATE_DIR: dir,
      },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Kirow');
    const loaded = imported(stderr);
    expect(loaded.filter((name) => /discord|telegraf/.test(name))).toEqual([]);
  });

  it('npm run ask loads no chat platform and no store', async () => {
    const { code, stderr } = await run(
      process.execPath,
      ['--import', TRACE, '--import', 'tsx', 'src/cli/ask.ts', '--json'],
      '{"text":"Kirov"}\n',
    );
    expect(code).toBe(0);
    expect(imported(stderr)).toEqual([]);
  });
});
