import { afterEach, describe, expect, it } from 'vitest';
import { startBotProcess } from '../support/run.js';
import { BOT_ID, FakeDiscord, GUILD_CHANNEL_ID, sendMessage } from './fake-discord.js';
import { channelMessage, visible } from './support.js';

/**
 * The product's black-box checks, through `npm start` itself (src/main.ts) against the fake:
 * a token reset, a READY that never comes, and a Polish mention in a server that is not a Community.
 */
const TOKEN = 'process-token.discord.secret';

let fake: FakeDiscord | undefined;
let bot: ReturnType<typeof startBotProcess> | undefined;
afterEach(async () => {
  bot?.cleanUp();
  await fake?.stop();
  bot = undefined;
  fake = undefined;
});

const start = (settings: Record<string, string> = {}) =>
  startBotProcess({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake?.apiUrl ?? '', DEFAULT_LANGUAGE: 'pl', ...settings });

/** What the process wrote on stderr that is not a JSON log line. */
const plainLines = (stderr: string) => stderr.split('\n').filter((line) => line.trim() && !line.startsWith('{'));

describe('npm start on a fake Discord', () => {
  it('a token reset (close 4004) after start ends the process non-zero, naming what to fix', async () => {
    fake = await new FakeDiscord().start();
    bot = start();
    await bot.until((running) => running.stderr.includes('discord: connected'));
    fake.drop(0, 4004);
    expect(await bot.exited).not.toBe(0);
    expect(bot.stderr).toContain('DISCORD_TOKEN was rejected (close 4004): reset it in the Developer Portal');
    expect(bot.stderr).not.toContain(TOKEN);
    // discord.js did not try again: one IDENTIFY only.
    expect(fake.identifies).toHaveLength(1);
  }, 45_000);

  it('a token rejected at IDENTIFY: exit 1 with one line "Cannot start: …"', async () => {
    fake = await new FakeDiscord({ closeOnIdentify: 4004 }).start();
    bot = start();
    expect(await bot.exited).toBe(1);
    expect(plainLines(bot.stderr)).toEqual([
      expect.stringMatching(/^Cannot start: discord: DISCORD_TOKEN was rejected \(close 4004\)/),
    ]);
    expect(fake.identifies).toHaveLength(1);
  }, 45_000);

  it('READY never comes: exit 1 within the login deadline, with one line', async () => {
    fake = await new FakeDiscord({ withholdReady: true }).start();
    bot = start({ DISCORD_LOGIN_TIMEOUT_SECONDS: '2' });
    const started = Date.now();
    expect(await bot.exited).toBe(1);
    // tsx's start-up, the 2 s deadline, and at most 2 s to let go of the connection.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(plainLines(bot.stderr)).toEqual([
      expect.stringMatching(/^Cannot start: discord: Discord did not send READY within 2 s/),
    ]);
  }, 45_000);

  it('a Polish mention in a server that is not a Community is answered in Polish', async () => {
    fake = await new FakeDiscord({ guildLocale: 'en-US', guildFeatures: [] }).start();
    bot = start();
    await bot.until((running) => running.stderr.includes('discord: connected'));
    const from = fake.requests.length;
    sendMessage(fake, `<@${BOT_ID}> Kirow?`);
    const reply = await channelMessage(fake, GUILD_CHANNEL_ID, from);
    expect(visible(reply.body)).toContain('30 czerwca 2008');
    bot.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  }, 45_000);
});
