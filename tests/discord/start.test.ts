import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run.js';
import { FakeDiscord, sendCommand } from './fake-discord.js';
import { callbackOf, visible } from './support.js';

const TOKEN = 'start-token.discord.secret';

let fake: FakeDiscord;
let child: ChildProcess | undefined;
let stateDir: string;
let stderr = '';

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  stateDir = mkdtempSync(join(tmpdir(), 'siedlce-discord-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DISCORD_|TELEGRAM_|REDIS_URL|HEALTH_PORT|STATE_DIR)/.test(key)) delete env[key];
  }
  Object.assign(env, { DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl, STATE_DIR: stateDir, LOG_LEVEL: 'info' });
  // What `npm start` runs.
  child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await fake?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('npm start with DISCORD_TOKEN and DISCORD_API_URL on the fake Discord', () => {
  it('answers /partner Pescantina with a card in the interaction language, and stops cleanly', async () => {
    const started = Date.now();
    while (!stderr.includes('discord: connected')) {
      if (Date.now() - started > 30_000 || child?.exitCode !== null)
        throw new Error(`the bot did not connect:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fake.requests[0]?.authorization).toBe(`Bot ${TOKEN}`);

    const polish = sendCommand(fake, 'partner', { name: 'Pescantina' }, { locale: 'pl' });
    const card = (await callbackOf(fake, polish.token)).body.data;
    expect(card?.embeds?.[0]?.title).toBe('🇮🇹 Pescantina');
    expect(visible(card)).toContain('10 listopada 1993');

    const british = sendCommand(fake, 'partner', { name: 'Pescantina' }, { locale: 'en-GB', where: 'dm' });
    const english = (await callbackOf(fake, british.token)).body.data;
    expect(visible(english)).toContain('10 November 1993');
    expect(english?.allowed_mentions?.parse).toEqual([]);

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('"adapters":["discord"]');
    expect(stderr).not.toContain(TOKEN);
  }, 45_000);
});
