import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCommands } from '../../src/adapters/discord/registration.js';
import { ConfigError } from '../../src/config.js';
import { realEngine } from '../support/engine.js';
import { runScript } from '../support/run.js';
import { APP_ID, FakeDiscord, GUILD_ID } from './fake-discord.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake?.stop();
});

const base = () => ({
  DISCORD_TOKEN: 'fake-token',
  DISCORD_APPLICATION_ID: APP_ID,
  DISCORD_GUILD_ID: undefined,
  DISCORD_API_URL: fake.apiUrl,
});

describe('registering the slash commands', () => {
  it('bulk-overwrites them globally', async () => {
    const from = fake.requests.length;
    const result = await registerCommands(base(), realEngine());
    expect(result).toEqual({ count: 11, scope: 'global' });
    const put = await fake.request((request) => request.method === 'PUT', 'the PUT', from);
    expect(put.path).toBe(`/api/v10/applications/${APP_ID}/commands`);
    expect(put.authorization).toBe('Bot fake-token');
    const body = put.body as unknown as { name: string; name_localizations: Record<string, string> }[];
    expect(body.map((command) => command.name_localizations.it)).toEqual([
      'gemellaggi',
      'partner',
      'mappa',
      'linea-del-tempo',
      'chiedi',
      'contatti',
      'info',
      'lingua',
      'impostazioni',
      'aiuto',
      'Chiedi al bot di Siedlce',
    ]);
  });

  it('or for one server with DISCORD_GUILD_ID', async () => {
    const from = fake.requests.length;
    const result = await registerCommands({ ...base(), DISCORD_GUILD_ID: GUILD_ID }, realEngine());
    expect(result.scope).toBe(`server ${GUILD_ID}`);
    const put = await fake.request((request) => request.method === 'PUT', 'the PUT', from);
    expect(put.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
  });

  it('needs the application id', async () => {
    await expect(registerCommands({ ...base(), DISCORD_APPLICATION_ID: undefined }, realEngine())).rejects.toThrow(
      ConfigError,
    );
  });

  it('npm run register prints what it did, and fails in one line without an application id', async () => {
    const env = { DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.apiUrl, DISCORD_GUILD_ID: '' };
    const ok = await runScript('src/adapters/discord/register.ts', {
      ...env,
      DISCORD_APPLICATION_ID: APP_ID,
    });
    expect(ok.stdout).toBe('Registered 11 commands (global).\n');
    expect(ok.code).toBe(0);
    const missing = await runScript('src/adapters/discord/register.ts', {
      ...env,
      DISCORD_APPLICATION_ID: '',
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('DISCORD_APPLICATION_ID');
  }, 20_000);
});
