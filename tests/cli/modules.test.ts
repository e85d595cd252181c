import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOOK = join(ROOT, 'tests/support/record-modules.mjs');
const REDIS_PACKAGES = ['@redis/', '@keyv/redis', '/redis/'];

/** The packages a project script (run through npm, as a user runs it) loaded, by package name. */
async function packagesLoaded(args: string[], input: string, env: NodeJS.ProcessEnv = {}) {
  const records = mkdtempSync(join(dir, 'run-'));
  const result = await run('npm', args, input, {
    NODE_OPTIONS: `--import ${HOOK}`,
    RECORD_MODULES: records,
    ...env,
  });
  expect(result.code, result.stderr).toBe(0);
  const bot = readdirSync(records)
    .map((file) => JSON.parse(readFileSync(join(records, file), 'utf8')) as { script: string; modules: string[] })
    .find((record) => record.script.includes(`${ROOT}dist/`));
  expect(bot, 'the bot process left no record').toBeDefined();
  const packages = new Set(
    (bot?.modules ?? []).flatMap((url) => {
      const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      return match?.[1] ? [match[1]] : [];
    }),
  );
  return [...packages].map((name) => `/${name}/`);
}

const matching = (loaded: string[], names: string[]) =>
  loaded.filter((name) => names.some((forbidden) => name.includes(forbidden)));

// tests/ops/lazy-imports.test.ts checks the chat platforms (and that `npm run ask` opens no store);
// this one checks the terminal chat's store, through npm start on the compiled bot.
describe('what the terminal chat loads', () => {
  let loaded: string[] = [];
  beforeAll(async () => {
    loaded = await packagesLoaded(['start', '--silent'], 'Kirov?\n', { STATE_DIR: mkdtempSync(join(dir, 'state-')) });
  });

  it('is recorded (the engine is in the record)', () => {
    expect(loaded).toContain('/fuse.js/');
    expect(loaded).toContain('/i18next/');
  });

  // The store imports its Redis backend (@keyv/redis, and so @redis/client, 400 modules) only
  // when REDIS_URL is set.
  it('has no Redis client in it', () => {
    expect(matching(loaded, REDIS_PACKAGES)).toEqual([]);
  });
});
