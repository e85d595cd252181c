import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, run } from '../support/run.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOOK = join(ROOT, 'tests/support/record-modules.mjs');
/** The packages a chat without a platform token has no use for; each costs start-up time and memory. */
const PLATFORM_PACKAGES = ['discord.js', '@discordjs/', 'telegraf'];
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

describe('what a run without a platform loads', () => {
  it('npm run ask loads neither discord.js, telegraf nor a Redis client', async () => {
    const loaded = await packagesLoaded(['run', '--silent', 'ask', '--', 'Kirov?'], '');
    expect(loaded).toContain('/fuse.js/'); // the record works: the engine's packages are in it
    expect(matching(loaded, [...PLATFORM_PACKAGES, ...REDIS_PACKAGES])).toEqual([]);
  });

  it('the terminal chat loads neither discord.js nor telegraf', async () => {
    const loaded = await packagesLoaded(['start', '--silent'], 'Kirov?\n', {
      STATE_DIR: mkdtempSync(join(dir, 'state-')),
    });
    expect(loaded).toContain('/fuse.js/');
    expect(matching(loaded, PLATFORM_PACKAGES)).toEqual([]);
  });

  // src/store/state.ts imports @keyv/redis (and so @redis/client) whatever the backend; the store
  // split (one module per backend, Redis imported only when REDIS_URL is set) makes this pass:
  // then turn `it.fails` into `it`.
  it.fails('the terminal chat loads no Redis client (fails until the store opens Redis lazily)', async () => {
    const loaded = await packagesLoaded(['start', '--silent'], 'Kirov?\n', {
      STATE_DIR: mkdtempSync(join(dir, 'state-')),
    });
    expect(matching(loaded, REDIS_PACKAGES)).toEqual([]);
  });
});
