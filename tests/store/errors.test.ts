import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, StoreOpenError } from '../../src/store/state.js';

// A store that cannot be opened stops start-up with one line naming the setting or the file and
// what to do; the start-up code prefixes it with "Cannot start: ".

const dir = mkdtempSync(join(tmpdir(), 'store-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openingError = (options: Parameters<typeof openStore>[0]): Error => {
  try {
    const store = openStore(options);
    void store.close();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  throw new Error('the store opened');
};

const expectOneLine = (error: Error, ...names: (string | RegExp)[]) => {
  expect(error).toBeInstanceOf(StoreOpenError);
  expect(error.message).not.toContain('\n');
  for (const name of names) expect(error.message).toMatch(name);
};

describe('a store that cannot be opened', () => {
  it('names STATE_DIR when it is a file', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    expectOneLine(openingError({ stateDir: file }), 'STATE_DIR', file, 'set STATE_DIR to a folder');
    // Below a file, too.
    expectOneLine(openingError({ stateDir: join(file, 'below') }), 'STATE_DIR', 'a file in its path', 'set STATE_DIR');
  });

  it('names the state file when it is a folder', () => {
    const stateDir = join(dir, 'folder-file');
    mkdirSync(join(stateDir, 'state.sqlite'), { recursive: true });
    expectOneLine(openingError({ stateDir }), join(stateDir, 'state.sqlite'), 'cannot be opened', ' — ');
  });

  it('refuses a file that is not a database, and leaves it as it was', () => {
    const stateDir = join(dir, 'garbage');
    mkdirSync(stateDir);
    const file = join(stateDir, 'state.sqlite');
    const garbage = Buffer.from('this was a state file until a backup tool wrote over it\n'.repeat(200));
    writeFileSync(file, garbage);
    expectOneLine(openingError({ stateDir }), file, 'is damaged', 'move it aside', 'restore a backup');
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a database with damaged pages, and leaves it as it was', () => {
    const stateDir = join(dir, 'damaged');
    mkdirSync(stateDir);
    const file = join(stateDir, 'state.sqlite');
    const db = new DatabaseSync(file);
    db.exec('CREATE TABLE IF NOT EXISTS keyv(key VARCHAR(255) PRIMARY KEY, value TEXT )');
    const insert = db.prepare('INSERT INTO keyv (key, value) VALUES (?, ?)');
    db.exec('BEGIN');
    for (let index = 0; index < 2000; index += 1)
      insert.run(`siedlce:language:discord:${index}`, JSON.stringify({ value: 'it' }));
    db.exec('COMMIT');
    db.close();
    // The header and the schema stay intact; pages in the middle of the table are overwritten.
    const bytes = readFileSync(file);
    bytes.fill(0xa5, 4096 * 3, 4096 * 6);
    writeFileSync(file, bytes);
    expectOneLine(openingError({ stateDir }), file, 'is damaged', 'move it aside');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('names REDIS_URL when its scheme is not redis: or rediss:, without repeating the URL', () => {
    for (const url of ['http://user:secret@127.0.0.1:6379', 'unix:///run/redis.sock']) {
      const error = openingError({ redisUrl: url });
      expectOneLine(error, 'REDIS_URL', 'redis://');
      expect(error.message).not.toContain('secret');
    }
    expectOneLine(openingError({ redisUrl: 'localhost:6379 please' }), 'REDIS_URL');
  });
});
