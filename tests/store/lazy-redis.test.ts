import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, run } from '../support/run.js';
import { REDIS_TEST_URL } from './redis.js';

// The Redis client is loaded only when REDIS_URL is set: a bot on SQLite (the terminal chat)
// never loads it.

const dir = mkdtempSync(join(tmpdir(), 'store-lazy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TRACE = join(ROOT, 'tests/support/import-trace.mjs');
const SCRIPT = join(ROOT, 'tests/store/fixtures/open-store.ts');
const loaded = (stderr: string) =>
  [...new Set(stderr.split('\n').filter((line) => line.startsWith('IMPORTED ')))].map((line) => line.slice(9));
const openAndWatch = (redisUrl = '') =>
  run(process.execPath, ['--import', TRACE, '--import', 'tsx', SCRIPT, dir, redisUrl], '');

describe('what opening a store loads', () => {
  it('on SQLite, no Redis client', async () => {
    const { code, stdout, stderr } = await openAndWatch();
    expect(code).toBe(0);
    expect(stdout).toBe('it\n');
    expect(loaded(stderr)).toEqual([]);
  });

  it.skipIf(!REDIS_TEST_URL)('on Redis, the Redis client (so the watch above can see it)', async () => {
    const { code, stdout, stderr } = await openAndWatch(REDIS_TEST_URL);
    expect(code).toBe(0);
    expect(stdout).toBe('it\n');
    expect(loaded(stderr)).toEqual(expect.arrayContaining(['@keyv/redis', '@redis/client']));
  });
});
