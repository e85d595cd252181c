import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, sendCommand } from '../discord/fake-discord.js';
import { callbackOf, visible } from '../discord/support.js';
import { startBotProcess } from '../support/run.js';
import { startEmulator, type TelegramServer, visibleText } from '../telegram/support.js';

const DISCORD_TOKEN = 'both-token.discord.secret';
const TELEGRAM_TOKEN = 'both-telegram-token';

let discord: FakeDiscord;
let telegram: TelegramServer;
let bot: ReturnType<typeof startBotProcess>;

beforeAll(async () => {
  discord = await new FakeDiscord().start();
  telegram = await startEmulator();
  bot = startBotProcess({
    DISCORD_TOKEN,
    DISCORD_API_URL: discord.apiUrl,
    TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: telegram.config.apiURL,
  });
});

afterAll(async () => {
  bot?.cleanUp();
  await discord?.stop();
  await telegram?.stop();
});

describe('npm start with both tokens', () => {
  it('runs Discord and Telegram in one process, each answering, and stops both on SIGTERM', async () => {
    await bot.until((running) => running.stderr.includes('"adapters":["telegram","discord"]'));

    const sent = sendCommand(
      discord,
      'ask',
      { question: 'Quando è stato firmato l’accordo con Sabinov?' },
      { locale: 'it' },
    );
    expect(visible((await callbackOf(discord, sent.token)).body.data)).toContain('24 maggio 2001');

    const client = telegram.getClient(TELEGRAM_TOKEN, { userId: 51, chatId: 51, timeout: 40_000 });
    const from = { id: 51, first_name: 'Ann', username: 'ann', is_bot: false, language_code: 'en' };
    await client.sendMessage(client.makeMessage('When was the agreement with Dasing signed?', { from }));
    const [answer] = (await client.getUpdates()).result;
    expect(visibleText(answer?.message.text ?? '')).toContain('26 July 1998');

    bot.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.stderr).not.toContain(DISCORD_TOKEN);
    expect(bot.stderr).not.toContain(TELEGRAM_TOKEN);
  }, 60_000);
});
