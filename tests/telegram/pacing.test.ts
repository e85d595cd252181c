import { afterEach, describe, expect, it } from 'vitest';
import type { createTelegramBot } from '../../src/adapters/telegram/bot.js';
import { createPacer, DEFAULT_PACING, Dropped } from '../../src/adapters/telegram/pacing.js';
import type { FakeBotApi } from './fake-bot-api.js';
import { botOnFakeApi } from './on-fake-api.js';
import { silentLogger, visibleText } from './support.js';
import { callback, memoryLogger, numbered, text } from './updates.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(options: Parameters<typeof createTelegramBot>[0]['pacing'] = {}, logger = silentLogger()) {
  const { api, bot } = await botOnFakeApi(cleanups, { pacing: options, logger });
  return { api, bot };
}

const sendTimes = (api: FakeBotApi, chat?: number) =>
  api
    .callsOf('sendMessage')
    .filter((call) => chat === undefined || call.body.chat_id === chat)
    .map((call) => call.at);
const gaps = (times: number[]) => times.slice(1).map((time, index) => time - (times[index] as number));

const KIROV = 'When was the agreement with Kirov signed?';

describe('pacing what goes out', () => {
  it('the defaults are Telegram’s limits: 1 a second per chat, 20 a minute per group, 30 a second overall', () => {
    expect(DEFAULT_PACING.perChatIntervalMs).toBe(1000);
    expect(DEFAULT_PACING.perGroup).toEqual({ count: 20, ms: 60_000 });
    expect(DEFAULT_PACING.overall).toEqual({ count: 30, ms: 1000 });
  });

  it('one chat gets at most one message a second (measured on the Bot API)', async () => {
    const { api, bot } = await setup();
    await Promise.all([1, 2, 3].map(() => bot.handleUpdate(numbered(text(KIROV)))));
    const times = sendTimes(api, 7);
    expect(times).toHaveLength(3);
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(1000);
  });

  it('a message held on its way does not bunch the next one up where Telegram counts', async () => {
    const { api, bot } = await setup();
    api.holdOnTheWay('sendMessage', 600);
    await Promise.all([1, 2].map(() => bot.handleUpdate(numbered(text(KIROV)))));
    const times = sendTimes(api, 7);
    expect(times).toHaveLength(2);
    for (const gap of gaps(times)) expect(gap).toBeGreaterThanOrEqual(1000);
  });

  it('a group gets at most its window’s count, other chats meanwhile go at once', async () => {
    // A short window so the test is quick; the rule is the same as 20 a minute.
    const { api, bot } = await setup({ perChatIntervalMs: 10, perGroup: { count: 3, ms: 1500 } });
    const group = -100;
    const work = Array.from({ length: 5 }, (_, index) =>
      bot.handleUpdate(numbered(text(`@SiedlceBot ${KIROV}`, { id: 50 + index, language: 'en' }, group))),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await bot.handleUpdate(numbered(text(KIROV, { id: 8, language: 'en' })));
    await Promise.all(work);
    const times = sendTimes(api, group);
    expect(times).toHaveLength(5);
    expect((times[3] as number) - (times[0] as number)).toBeGreaterThanOrEqual(1500);
    const [private8] = sendTimes(api, 8);
    expect(private8).toBeLessThan(times[3] as number);
  });

  it('at most 30 messages in any second overall', async () => {
    const { api, bot } = await setup();
    await Promise.all(
      Array.from({ length: 45 }, (_, index) =>
        bot.handleUpdate(numbered(text(KIROV, { id: 1000 + index, language: 'en' }))),
      ),
    );
    const times = sendTimes(api).sort((a, b) => a - b);
    expect(times).toHaveLength(45);
    for (let index = 30; index < times.length; index++) {
      expect((times[index] as number) - (times[index - 30] as number)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('messages held on their way still make at most 30 in any second where Telegram counts', async () => {
    const { api, bot } = await setup();
    api.holdOnTheWay('sendMessage', ...Array.from({ length: 10 }, () => 600));
    await Promise.all(
      Array.from({ length: 35 }, (_, index) =>
        bot.handleUpdate(numbered(text(KIROV, { id: 2000 + index, language: 'en' }))),
      ),
    );
    const times = sendTimes(api).sort((a, b) => a - b);
    expect(times).toHaveLength(35);
    for (let index = 30; index < times.length; index++) {
      expect((times[index] as number) - (times[index - 30] as number)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('a chat waiting out a 429 holds nobody else, is retried after retry_after, and gets no apology', async () => {
    const { logger, has } = memoryLogger();
    const { api, bot } = await setup({}, logger);
    api.fail('sendMessage', { status: 429, retryAfter: 2 });
    const flooded = bot.handleUpdate(numbered(text(KIROV, { id: 7, language: 'en' })));
    await api.waitFor('sendMessage');
    const started = performance.now();
    await bot.handleUpdate(numbered(text('When was the agreement with Dasing signed?', { id: 8, language: 'en' })));
    expect(performance.now() - started).toBeLessThan(1000);
    await flooded;
    const toSeven = api.callsOf('sendMessage').filter((call) => call.body.chat_id === 7);
    expect(toSeven).toHaveLength(2);
    expect((toSeven[1]?.at ?? 0) - (toSeven[0]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    expect(visibleText(String(toSeven[1]?.body.text))).toContain('30 June 2008');
    expect(has('telegram: flood limit, waiting')).toBe(true);
  });

  it('never apologises for a 429 it gives up on (the wait is too long)', async () => {
    const { logger, has } = memoryLogger();
    const { api, bot } = await setup({}, logger);
    api.failAlways('sendMessage', { status: 429, retryAfter: 600 });
    await bot.handleUpdate(numbered(text(KIROV)));
    expect(api.callsOf('sendMessage')).toHaveLength(1);
    expect(has('telegram: update failed')).toBe(true);
  });

  it('a callback answer is retried only for a short flood wait', async () => {
    const { api, bot } = await setup();
    api.fail('answerCallbackQuery', { status: 429, retryAfter: 1 });
    await bot.handleUpdate(numbered(callback('q:signing_date:kirov')));
    expect(api.callsOf('answerCallbackQuery')).toHaveLength(2);
    api.fail('answerCallbackQuery', { status: 429, retryAfter: 10 });
    const started = performance.now();
    await bot.handleUpdate(numbered(callback('q:signing_date:dasing', { id: 9, language: 'en' })));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(api.callsOf('answerCallbackQuery')).toHaveLength(3);
    expect(api.callsOf('sendMessage').filter((call) => call.body.chat_id === 9)).toHaveLength(1);
  });

  it('stopping makes every waiting call fail fast with Dropped', async () => {
    const pacer = createPacer(silentLogger());
    const first = pacer.message(7, 'sendMessage', async () => 1);
    const second = pacer.message(7, 'sendMessage', async () => 2);
    expect(await first).toBe(1);
    pacer.abort();
    await expect(second).rejects.toBeInstanceOf(Dropped);
    await expect(pacer.message(8, 'sendMessage', async () => 3)).rejects.toBeInstanceOf(Dropped);
  });
});
