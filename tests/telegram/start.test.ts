import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotProcess } from '../support/run.js';
import { startEmulator, type TelegramServer, visibleText } from './support.js';

const TOKEN = 'start-token';

let emulator: TelegramServer;
let bot: ReturnType<typeof startBotProcess>;

beforeAll(async () => {
  emulator = await startEmulator();
  bot = startBotProcess({ TELEGRAM_TOKEN: TOKEN, TELEGRAM_API_ROOT: emulator.config.apiURL });
});

afterAll(async () => {
  bot?.cleanUp();
  await emulator?.stop();
});

describe('npm start with TELEGRAM_TOKEN and TELEGRAM_API_ROOT on the emulator', () => {
  it('answers a question and /partners, and stops cleanly on SIGTERM', async () => {
    const client = emulator.getClient(TOKEN, { userId: 31, chatId: 31, timeout: 40_000 });
    const from = { id: 31, first_name: 'Jan', username: 'jan', is_bot: false, language_code: 'pl' };
    await client.sendMessage(client.makeMessage('Kiedy podpisano umowę z Wołkowyskiem?', { from }));
    const answer = await client.getUpdates().catch((error: unknown) => {
      throw new Error(`no answer: ${String(error)}\n${bot.stderr}`);
    });
    expect(answer.result).toHaveLength(1);
    expect(visibleText(answer.result[0]?.message.text ?? '')).toContain('26 września 2000');

    await client.sendCommand(client.makeCommand('/partners', { from }));
    const [list] = (await client.getUpdates()).result;
    const markup = list?.message.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const buttons = markup.inline_keyboard.flat();
    expect(buttons.map((button) => button.callback_data.replace('q:partner_info:', '')).sort()).toEqual([
      'berdychiv',
      'dasing',
      'kirov',
      'pescantina',
      'sabinov',
      'vawkavysk',
      'vilnius-district',
    ]);
    expect(buttons.map((button) => button.text)).toContain('🇧🇾 Wołkowysk');

    bot.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.stderr).toContain('telegram: long polling');
    expect(bot.stderr).not.toContain(TOKEN);
  });
});
