import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('the Discord settings', () => {
  it('shard automatically by default, with a 60 s login deadline and 15 s shard leases', () => {
    const config = loadConfig({});
    expect(config.DISCORD_SHARDS).toBe('auto');
    expect(config.DISCORD_SHARD_IDS).toBeUndefined();
    expect(config.DISCORD_LOGIN_TIMEOUT_SECONDS).toBe(60);
    expect(config.DISCORD_SHARD_LEASE_SECONDS).toBe(15);
    expect(loadConfig({ DISCORD_SHARDS: '' }).DISCORD_SHARDS).toBe('auto');
  });

  it('take a total and a share of shard ids', () => {
    const config = loadConfig({ DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '0-1, 3' });
    expect(config.DISCORD_SHARDS).toBe(4);
    expect(config.DISCORD_SHARD_IDS).toBe('0-1, 3');
  });

  it.each([
    ['DISCORD_SHARDS', 'many'],
    ['DISCORD_SHARD_IDS', 'first'],
    ['DISCORD_LOGIN_TIMEOUT_SECONDS', '0'],
  ])('refuse %s=%s in one line naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}="${value}" `));
  });
});
