import { Writable } from 'node:stream';
import pino from 'pino';
import type { Update } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../src/adapters/telegram/bot.js';
import { startTelegram } from '../../src/adapters/telegram/index.js';
import { registerCommands } from '../../src/adapters/telegram/menu.js';
import type { Assistant } from '../../src/service/assistant.js';
import {
  type RecordedCall,
  silentLogger,
  startRecordingApi,
  type TestState,
  testAssistant,
  until,
  visibleText,
} from './support.js';

const BOT = {
  id: 42,
  is_bot: true as const,
  first_name: 'Siedlce',
  username: 'SiedlceBot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A log that keeps its lines, to assert what was logged. */
function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

async function setup(
  respond?: Parameters<typeof startRecordingApi>[0],
  options: { assistant?: (state: TestState) => Assistant; logger?: pino.Logger } = {},
) {
  const api = await startRecordingApi(respond);
  const state = testAssistant();
  cleanups.push(api.close, state.close);
  const waits: number[] = [];
  const bot = createTelegramBot({
    assistant: options.assistant?.(state) ?? state.assistant,
    logger: options.logger ?? silentLogger(),
    token: 'calls-token',
    apiRoot: api.url,
    resilience: {
      wait: async (seconds) => {
        waits.push(seconds);
      },
    },
  });
  bot.botInfo = BOT;
  return { api, bot, state, waits };
}

let updateId = 1;
const from = (language = 'en') => ({ id: 7, is_bot: false, first_name: 'Ada', language_code: language });
const textUpdate = (text: string, language = 'en', chat = 7): Update =>
  ({
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: chat, type: 'private', first_name: 'Ada' },
      from: { ...from(language), id: chat },
      text,
    },
  }) as Update;
/** A command as Telegram sends it: the command word marked by a bot_command entity. */
const commandUpdate = (text: string, language = 'en'): Update => {
  const update = textUpdate(text, language) as Update.MessageUpdate & { message: { entities?: unknown[] } };
  update.message.entities = [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 0 }];
  return update;
};
const callbackUpdate = (data: string, language = 'en'): Update =>
  ({
    update_id: updateId++,
    callback_query: {
      id: `cb${updateId}`,
      from: from(language),
      chat_instance: '1',
      data,
      message: { message_id: 3, date: 0, chat: { id: 7, type: 'private', first_name: 'Ada' }, text: 'x' },
    },
  }) as Update;
const inlineUpdate = (query: string, language: string): Update =>
  ({ update_id: updateId++, inline_query: { id: `iq${updateId}`, from: from(language), query, offset: '' } }) as Update;

const methods = (calls: RecordedCall[]) => calls.map((call) => call.method);

describe('outgoing Bot API calls (methods the emulator lacks)', () => {
  it('answers an inline query with partner cards in the user language', async () => {
    const { api, bot } = await setup();
    await bot.handleUpdate(inlineUpdate('kirov', 'it'));
    expect(methods(api.calls)).toEqual(['answerInlineQuery']);
    const results = api.calls[0]?.body.results as {
      id: string;
      title: string;
      input_message_content: { message_text: string; parse_mode: string };
    }[];
    expect(results.map((result) => result.id)).toEqual(['kirov']);
    expect(results[0]?.title).toContain('Kirov');
    expect(results[0]?.input_message_content.parse_mode).toBe('HTML');
    expect(visibleText(results[0]?.input_message_content.message_text ?? '')).toContain('30 giugno 2008');

    await bot.handleUpdate(inlineUpdate('', 'pl'));
    const all = api.calls[1]?.body.results as { id: string; input_message_content: { message_text: string } }[];
    expect(all.map((result) => result.id)).toEqual([
      'pescantina',
      'vilnius-district',
      'dasing',
      'vawkavysk',
      'sabinov',
      'berdychiv',
      'kirov',
    ]);
    for (const result of all)
      expect(visibleText(result.input_message_content.message_text).length).toBeLessThanOrEqual(4096);
  });

  it('answers a callback first, then sends the partner location', async () => {
    const { api, bot } = await setup();
    await bot.handleUpdate(callbackUpdate('loc:kirov'));
    expect(methods(api.calls)).toEqual(['answerCallbackQuery', 'sendLocation']);
    expect(api.calls[1]?.body).toMatchObject({ chat_id: 7, latitude: 58.6, longitude: 49.683 });
  });

  it('answers a callback with forged data and does nothing else', async () => {
    const { api, bot } = await setup();
    await bot.handleUpdate(callbackUpdate('q:drop_tables:../../etc'));
    await bot.handleUpdate(callbackUpdate('loc:paris'));
    expect(methods(api.calls)).toEqual(['answerCallbackQuery', 'answerCallbackQuery']);
  });

  it('answers a suggestion button with a question to the assistant', async () => {
    const { api, bot } = await setup();
    await bot.handleUpdate(callbackUpdate('q:signing_date:kirov', 'pl'));
    expect(methods(api.calls)).toEqual(['answerCallbackQuery', 'sendMessage']);
    expect(visibleText(String(api.calls[1]?.body.text))).toContain('30 czerwca 2008');
  });

  it('registers the command menu for the default (English), pl and it', async () => {
    const { api, bot, state } = await setup();
    expect(await registerCommands(bot.telegram, state.assistant.engine, silentLogger())).toBe(3);
    expect(methods(api.calls)).toEqual(['setMyCommands', 'setMyCommands', 'setMyCommands']);
    const byLanguage = new Map(api.calls.map((call) => [call.body.language_code ?? 'default', call.body.commands]));
    expect([...byLanguage.keys()].sort()).toEqual(['default', 'it', 'pl']);
    for (const commands of byLanguage.values()) {
      const list = commands as { command: string; description: string }[];
      expect(list.map((command) => command.command)).toEqual([
        'start',
        'help',
        'partners',
        'partner',
        'map',
        'timeline',
        'about',
        'lang',
      ]);
      for (const { command, description } of list) {
        expect(command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(description.length).toBeGreaterThan(0);
        expect(description.length).toBeLessThanOrEqual(256);
      }
    }
    expect((byLanguage.get('default') as { description: string }[])[2]?.description).toBe(
      'The partner cities of Siedlce',
    );
    expect((byLanguage.get('pl') as { description: string }[])[2]?.description).toBe('Miasta partnerskie Siedlec');
  });

  it('logs a failed setMyCommands and still starts (webhook mode, secret token checked)', async () => {
    const { logger, lines } = memoryLogger();
    const api = await startRecordingApi((call) =>
      call.method === 'setMyCommands'
        ? { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: not supported' } }
        : undefined,
    );
    const state = testAssistant();
    cleanups.push(api.close, state.close);
    const adapter = await startTelegram({
      assistant: state.assistant,
      config: {
        TELEGRAM_TOKEN: 'hook-token',
        TELEGRAM_API_ROOT: api.url,
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook',
        TELEGRAM_WEBHOOK_SECRET: 'hook-secret_1',
        TELEGRAM_WEBHOOK_PORT: 0,
      },
      logger,
      webhookHost: '127.0.0.1',
    });
    cleanups.push(() => adapter.stop());
    expect(lines.filter((line) => line.msg === 'telegram: could not register the command menu')).toHaveLength(3);
    const setWebhook = api.calls.find((call) => call.method === 'setWebhook');
    expect(setWebhook?.body).toMatchObject({
      url: 'https://bot.example.org/telegram/hook',
      secret_token: 'hook-secret_1',
    });
    expect(adapter.healthy()).toBe(true);

    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${adapter.webhookPort}/telegram/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(textUpdate('When was the agreement with Kirov signed?')),
      });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).status).toBe(403);
    expect(api.calls.some((call) => call.method === 'sendMessage')).toBe(false);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'hook-secret_1' })).status).toBe(200);
    // Updates are handled concurrently: the 200 goes back at once, the answer follows.
    await adapter.bot.drain();
    const sent = api.calls.filter((call) => call.method === 'sendMessage');
    expect(sent).toHaveLength(1);
    expect(visibleText(String(sent[0]?.body.text))).toContain('30 June 2008');
  });

  it('retries a 429 after retry_after, a bounded number of times', async () => {
    const { api, bot, waits } = await setup((call, index) =>
      call.method === 'sendMessage' && index < 2
        ? {
            status: 429,
            body: { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 7 } },
          }
        : undefined,
    );
    await bot.handleUpdate(textUpdate('When was the agreement with Kirov signed?'));
    expect(methods(api.calls)).toEqual(['sendMessage', 'sendMessage', 'sendMessage']);
    expect(waits).toEqual([7, 7]);

    // Always 429: gives up after 3 retries; bot.catch logs it and the bot carries on.
    const flooded = await setup((call) =>
      call.method === 'sendMessage'
        ? {
            status: 429,
            body: { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 1 } },
          }
        : undefined,
    );
    await flooded.bot.handleUpdate(textUpdate('When was the agreement with Kirov signed?'));
    // 4 attempts for the answer, 4 for the apology.
    expect(methods(flooded.api.calls)).toEqual(Array(8).fill('sendMessage'));
    expect(flooded.waits).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('does not wait when retry_after is longer than the bound', async () => {
    const { api, bot, waits } = await setup((call) =>
      call.method === 'sendMessage'
        ? {
            status: 429,
            body: { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 3600 } },
          }
        : undefined,
    );
    await bot.handleUpdate(textUpdate('When was the agreement with Kirov signed?'));
    expect(waits).toEqual([]);
    expect(methods(api.calls)).toEqual(['sendMessage', 'sendMessage']);
  });

  it('logs and skips a user who blocked the bot (403)', async () => {
    const { logger, lines } = memoryLogger();
    const { api, bot } = await setup(
      (call) =>
        call.method === 'sendMessage'
          ? { status: 403, body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } }
          : undefined,
      { logger },
    );
    await bot.handleUpdate(textUpdate('When was the agreement with Kirov signed?'));
    expect(methods(api.calls)).toEqual(['sendMessage']);
    expect(lines.some((line) => line.msg === 'telegram: chat refuses messages, skipped' && line.chat === 7)).toBe(true);
    expect(lines.some((line) => line.msg === 'telegram: update failed')).toBe(false);
  });

  it('catches a failing handler: logs it, apologises in the user language, keeps running', async () => {
    const { logger, lines } = memoryLogger();
    let fail = true;
    const { api, bot } = await setup(undefined, {
      logger,
      assistant: (state) => ({
        get engine() {
          return state.assistant.engine;
        },
        languageFor: state.assistant.languageFor,
        chooseLanguage: state.assistant.chooseLanguage,
        picture: state.assistant.picture,
        ask: async (question) => {
          if (fail) throw new Error('store down');
          return state.assistant.ask(question);
        },
      }),
    });
    await bot.handleUpdate(textUpdate('Kiedy podpisano umowę z Kirowem?', 'it'));
    expect(lines.some((line) => line.msg === 'telegram: update failed')).toBe(true);
    expect(methods(api.calls)).toEqual(['sendMessage']);
    expect(api.calls[0]?.body.text).toBe('Scusa, qualcosa è andato storto. Riprova tra poco.');
    fail = false;
    await bot.handleUpdate(textUpdate('Kiedy podpisano umowę z Kirowem?', 'it'));
    expect(visibleText(String(api.calls[1]?.body.text))).toContain('30 czerwca 2008');
  });
});

describe('concurrency', () => {
  it('a chat waiting out a 429 does not hold up other chats', async () => {
    let sentToSeven = 0;
    const api = await startRecordingApi((call) => {
      if (call.method !== 'sendMessage' || call.body.chat_id !== 7 || sentToSeven++ > 0) return undefined;
      return {
        status: 429,
        body: { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 5 } },
      };
    });
    const state = testAssistant();
    cleanups.push(api.close, state.close);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const bot = createTelegramBot({
      assistant: state.assistant,
      logger: silentLogger(),
      token: 'concurrent-token',
      apiRoot: api.url,
      concurrent: true,
      resilience: { wait: () => gate },
    });
    bot.botInfo = BOT;
    await bot.handleUpdate(textUpdate('When was the agreement with Kirov signed?', 'en', 7));
    await bot.handleUpdate(textUpdate('When was the agreement with Dasing signed?', 'en', 8));
    const toEight = await until(
      () => api.calls.find((call) => call.method === 'sendMessage' && call.body.chat_id === 8),
      10_000,
      'the answer to chat 8',
    );
    expect(visibleText(String(toEight.body.text))).toContain('26 July 1998');
    expect(api.calls.filter((call) => call.body.chat_id === 7)).toHaveLength(1);
    release();
    await bot.drain();
    const toSeven = api.calls.filter((call) => call.method === 'sendMessage' && call.body.chat_id === 7);
    expect(toSeven).toHaveLength(2);
    expect(visibleText(String(toSeven[1]?.body.text))).toContain('30 June 2008');
  });
});

describe('logs', () => {
  it('never contain the token, even when a request fails', async () => {
    const { logger, lines } = memoryLogger();
    const { api, bot } = await setup(undefined, { logger });
    await api.close();
    await bot.handleUpdate(textUpdate('When was the agreement with Kirov signed?'));
    const logged = JSON.stringify(lines);
    expect(lines.some((line) => line.msg === 'telegram: update failed')).toBe(true);
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain('calls-token');
  });

  it('a bad token or unreachable API fails start-up with one line without the token', async () => {
    const api = await startRecordingApi(() => ({
      status: 401,
      body: { ok: false, error_code: 401, description: 'Unauthorized' },
    }));
    const state = testAssistant();
    cleanups.push(api.close, state.close);
    const starting = startTelegram({
      assistant: state.assistant,
      config: { TELEGRAM_TOKEN: 'bad-token', TELEGRAM_API_ROOT: api.url, TELEGRAM_WEBHOOK_PORT: 8443 },
      logger: silentLogger(),
    });
    await expect(starting).rejects.toThrow('Telegram: cannot connect to the Bot API: 401: Unauthorized');
  });
});

// The first picture loads the map shapes and the font: slow on a busy machine, never wrong.
describe('pictures', { timeout: 90_000 }, () => {
  it('/map sends the list and then the map as a photo with a caption', async () => {
    const { api, bot } = await setup();
    await bot.handleUpdate(commandUpdate('/map Kirov', 'pl'));
    expect(methods(api.calls)).toEqual(['sendMessage', 'sendPhoto']);
    const photo = api.calls[1]?.body ?? {};
    expect(photo.caption).toBe('Miasta partnerskie Siedlec');
    const file = photo.photo as { filename: string; bytes: Buffer };
    expect(file.filename).toBe('map-pl-kirov.png');
    expect(file.bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('a card’s map button sends the highlighted map', async () => {
    const { api, bot } = await setup();
    await bot.handleUpdate(callbackUpdate('q:partner_info:dasing:map', 'it'));
    expect(methods(api.calls)).toEqual(['answerCallbackQuery', 'sendMessage', 'sendPhoto']);
    expect(api.calls[2]?.body.photo).toMatchObject({ filename: 'map-it-dasing.png' });
  });

  it('a failing sendPhoto is logged and the text answer stands', async () => {
    const { logger, lines } = memoryLogger();
    const { api, bot } = await setup(
      (call) =>
        call.method === 'sendPhoto'
          ? { status: 400, body: { ok: false, error_code: 400, description: 'no photos' } }
          : undefined,
      { logger },
    );
    await bot.handleUpdate(commandUpdate('/timeline', 'en'));
    expect(methods(api.calls)).toEqual(['sendMessage', 'sendPhoto']);
    expect(lines.some((line) => line.msg === 'telegram: could not send a picture')).toBe(true);
  });
});
