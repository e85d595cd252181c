import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess } from '../support/run.js';
import { FakeDiscord, sendCommand } from './fake-discord.js';
import { callbackOf, visible } from './support.js';

const TOKEN = 'start-token.discord.secret';

let fake: FakeDiscord;
let bot: ReturnType<typeof startBotProcess>;

beforeAll(async () => {
  fake = await new FakeDiscord().start();
  bot = startBotProcess({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl });
});

afterAll(async () => {
  bot?.cleanUp();
  await fake?.stop();
});

describe('npm start with DISCORD_TOKEN and DISCORD_API_URL on the fake Discord', () => {
  it('answers /partner Pescantina with a card in the interaction language, and stops cleanly', async () => {
    await bot.until((running) => running.stderr.includes('discord: connected'));
    expect(fake.requests[0]?.authorization).toBe(`Bot ${TOKEN}`);

    const polish = sendCommand(fake, 'partner', { name: 'Pescantina' }, { locale: 'pl' });
    const card = (await callbackOf(fake, polish.token)).body.data;
    expect(card?.embeds?.[0]?.title).toBe('🇮🇹 Pescantina');
    expect(visible(card)).toContain('10 listopada 1993');

    const british = sendCommand(fake, 'partner', { name: 'Pescantina' }, { locale: 'en-GB', where: 'dm' });
    const english = (await callbackOf(fake, british.token)).body.data;
    expect(visible(english)).toContain('10 November 1993');
    expect(english?.allowed_mentions?.parse).toEqual([]);

    bot.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.stderr).toContain('"adapters":["discord"]');
    expect(bot.stderr).not.toContain(TOKEN);
  }, 45_000);
});
