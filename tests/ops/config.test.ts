import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineFromConfig } from '../../src/bootstrap.js';
import { ConfigError, ConfigSchema, loadConfig } from '../../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'siedlce-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'not a folder');

/** The one line loadConfig (or the engine's start) fails with. */
function problem(env: NodeJS.ProcessEnv): string {
  try {
    engineFromConfig(loadConfig(env));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
  throw new Error(`no problem found with ${JSON.stringify(env)}`);
}

describe('settings', () => {
  it('treats an empty value as unset, for every setting', () => {
    const defaults = loadConfig({});
    for (const name of Object.keys(ConfigSchema.shape)) {
      expect(loadConfig({ [name]: '' }), name).toEqual(defaults);
      expect(loadConfig({ [name]: '   ' }), name).toEqual(defaults);
    }
    expect(loadConfig({ CONFIDENCE_THRESHOLD: '' }).CONFIDENCE_THRESHOLD).toBe(0.5);
    expect(loadConfig({ HEALTH_PORT: '' }).HEALTH_PORT).toBeUndefined();
  });

  it.each([
    [{ STATE_DIR: aFile }, /^STATE_DIR=".*a-file" is a file, not a folder — set STATE_DIR to a folder/],
    [{ LOCALES_DIR: aFile }, /^LOCALES_DIR=".*a-file" is a file, not a folder — set LOCALES_DIR/],
    [{ LOCALES_DIR: join(dir, 'none') }, /^LOCALES_DIR=".*none" does not exist — set LOCALES_DIR/],
    [{ DATA_FILE: dir }, /^DATA_FILE=".*" is a folder, not a file — set DATA_FILE/],
    [
      { DEFAULT_LANGUAGE: 'xx' },
      /^DEFAULT_LANGUAGE="xx" has no locale \(the languages are en, it, pl\) — set DEFAULT_LANGUAGE/,
    ],
    [{ DEFAULT_LANGUAGE: 'polish' }, /^DEFAULT_LANGUAGE="polish" must be a two-letter language code/],
    [
      { REDIS_URL: 'http://127.0.0.1:6379' },
      /^REDIS_URL must start with redis:\/\/ or rediss:\/\/ \(it starts with http:\)/,
    ],
    [
      { REDIS_URL: 'unix:///run/redis.sock' },
      /^REDIS_URL must start with redis:\/\/ or rediss:\/\/ \(it starts with unix:\)/,
    ],
    [{ REDIS_URL: 'localhost' }, /^REDIS_URL must be a URL such as redis:\/\/127.0.0.1:6379 — set REDIS_URL/],
    [{ HEALTH_PORT: '70000' }, /^HEALTH_PORT="70000" must be a whole number from 1 to 65535 — set HEALTH_PORT/],
    [{ HEALTH_HOST: 'not a host!' }, /^HEALTH_HOST="not a host!" must be an IP address or a host name/],
    [{ CONFIDENCE_THRESHOLD: '2' }, /^CONFIDENCE_THRESHOLD="2" must be a number from 0 to 1/],
    [{ RATE_LIMIT_COUNT: '0' }, /^RATE_LIMIT_COUNT="0" must be a whole number of at least 1/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL="loud" must be one of "fatal", "error"/],
    [{ DISCORD_SHARDS: 'many' }, /^DISCORD_SHARDS="many" must be auto or a whole number of at least 1/],
  ])('names the setting and the fix: %o', (env, expected) => {
    expect(problem(env)).toMatch(expected);
  });

  it('never repeats a secret in its message', () => {
    const message = problem({ REDIS_URL: 'http://:hunter2@redis:6379' });
    expect(message).not.toContain('hunter2');
  });
});
