import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store, type UserRef } from '../../src/store/state.js';
import { REDIS_TEST_URL, uniquePrefix } from './redis.js';

// Health writes and reads a heartbeat, so what breaks answers breaks health: a state file that
// cannot be written, a full disk, a Redis that refuses writes or cannot be reached.

const dir = mkdtempSync(join(tmpdir(), 'store-health-'));
const stores: Store[] = [];
const cleanups: (() => void)[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  for (const cleanup of cleanups.reverse()) cleanup();
  rmSync(dir, { recursive: true, force: true });
});
const open = (options: Parameters<typeof openStore>[0]) => {
  const store = openStore(options);
  stores.push(store);
  return store;
};
const anna: UserRef = { platform: 'discord', id: '1001' };
const isRoot = process.getuid?.() === 0;

/** Runs a command, true when it worked (chattr and mount need root and a filesystem that has them). */
const tryRun = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/**
 * Makes a file read-only for this process for real: chmod for a normal user; root ignores
 * permissions, so for root the file is made immutable (chattr +i), which binds root too.
 */
function makeReadOnly(file: string): boolean {
  if (!isRoot) {
    chmodSync(file, 0o444);
    return true;
  }
  if (!tryRun('chattr', ['+i', file])) return false;
  cleanups.push(() => tryRun('chattr', ['-i', file]));
  return true;
}

describe('health on SQLite', () => {
  it('is ok after writing and reading its heartbeat', async () => {
    const stateDir = join(dir, 'ok');
    const store = open({ stateDir });
    expect(await store.health()).toEqual({ ok: true });
    expect(store.location).toBe(join(stateDir, 'state.sqlite'));
    expect(await store.ping()).toBe(true);
  });

  it('fails on a state file the bot cannot write, while reading still works', async (context) => {
    const stateDir = join(dir, 'read-only');
    const first = open({ stateDir });
    await first.setLanguage(anna, 'it');
    await first.close();
    const file = join(stateDir, 'state.sqlite');
    if (!makeReadOnly(file)) context.skip('this filesystem cannot make a file read-only for root');
    const store = open({ stateDir });
    expect(await store.getLanguage(anna)).toBe('it');
    const health = await store.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toContain(file);
    expect(health.detail).toMatch(/read-only/);
    expect(await store.ping()).toBe(false);
    await expect(store.setLanguage(anna, 'en')).rejects.toThrow(/readonly/);
  });

  it('fails when the disk where the file lives has less free space than the threshold', async () => {
    // The real free space of the real disk, against a threshold no disk meets.
    const store = open({ stateDir: join(dir, 'threshold'), minFreeBytes: Number.MAX_SAFE_INTEGER });
    const health = await store.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/MB free where the state file lives .* — free some space/);
  });

  it.skipIf(!isRoot)('fails on a disk that fills while the bot runs', async (context) => {
    const mountpoint = join(dir, 'small-disk');
    mkdirSync(mountpoint);
    if (!tryRun('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountpoint]))
      context.skip('cannot mount a small tmpfs here');
    cleanups.push(() => tryRun('umount', ['-l', mountpoint]));
    const store = open({ stateDir: mountpoint, minFreeBytes: 1024 * 1024 });
    await store.setLanguage(anna, 'pl');
    expect((await store.health()).ok).toBe(true);
    // Something else on the disk takes the rest of it.
    const filler = openSync(join(mountpoint, 'filler'), 'w');
    const block = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(filler, block);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(filler);
    }
    const health = await store.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/free|full/);
    expect(await store.getLanguage(anna)).toBe('pl');
  });
});

describe.skipIf(!REDIS_TEST_URL)('health on Redis', () => {
  it('is ok after writing and reading its heartbeat, which expires by itself', async () => {
    const prefix = uniquePrefix('health');
    const store = open({ redisUrl: REDIS_TEST_URL, prefix });
    expect(await store.health()).toEqual({ ok: true });
    const redis = createClient({ url: REDIS_TEST_URL });
    await redis.connect();
    try {
      const [heartbeat] = await redis.keys(`${prefix}*heartbeat*`);
      expect(heartbeat).toBeDefined();
      expect(await redis.pTTL(heartbeat as string)).toBeGreaterThan(0);
      await store.close();
      expect(await redis.keys(`${prefix}*heartbeat*`)).toEqual([]);
    } finally {
      await redis.close();
    }
  });

  it('fails when Redis refuses writes, naming Redis and the reason', async () => {
    // A user who may read but not write: what a read-only replica or an ACL mistake looks like.
    const admin = createClient({ url: REDIS_TEST_URL });
    await admin.connect();
    const user = uniquePrefix('reader');
    try {
      await admin.sendCommand(['ACL', 'SETUSER', user, 'on', '>secret-pw', '~*', '&*', '+@all', '-@write']);
      const url = new URL(REDIS_TEST_URL as string);
      url.username = user;
      url.password = 'secret-pw';
      const store = open({ redisUrl: url.toString(), prefix: uniquePrefix('refused') });
      const health = await store.health();
      expect(health.ok).toBe(false);
      expect(health.detail).toMatch(/^Redis at .* failed the heartbeat \(NOPERM/);
      expect(health.detail).not.toContain('secret-pw');
      await store.close();
    } finally {
      await admin.sendCommand(['ACL', 'DELUSER', user]);
      await admin.close();
    }
  });
});

describe('health on a Redis that is not there', () => {
  it('fails, naming where it looked', async () => {
    const store = open({ redisUrl: 'redis://127.0.0.1:1', prefix: uniquePrefix('down') });
    expect(await store.health()).toEqual({
      ok: false,
      detail: 'redis at redis://127.0.0.1:1: Redis cannot be reached (waited 3000 ms)',
    });
  });
});
