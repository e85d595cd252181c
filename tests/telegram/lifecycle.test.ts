import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterHealth } from '../../src/adapters/adapter.js';
import { type StartTelegramOptions, startTelegram, type TelegramAdapter } from '../../src/adapters/telegram/index.js';
import type { Assistant } from '../../src/service/assistant.js';
import { type FakeBotApi, startFakeBotApi } from './fake-bot-api.js';
import { testAssistant, until, visibleText } from './support.js';
import { memoryLogger, text } from './updates.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const KIROV = 'When was the agreement with Kirov signed?';
const FAST = {
  pollTimeoutSeconds: 1,
  healthMarginSeconds: 1,
  backoff: { initialMs: 50, maxMs: 200 },
  stopDeadlineMs: 500,
};

interface Harness {
  api: FakeBotApi;
  adapter: TelegramAdapter;
  reports: AdapterHealth[];
  fatals: string[];
  log: ReturnType<typeof memoryLogger>;
}

async function start(
  options: {
    api?: FakeBotApi;
    prepare?: (api: FakeBotApi) => void;
    assistant?: (base: Assistant) => Assistant;
    config?: Partial<StartTelegramOptions['config']>;
    tuning?: StartTelegramOptions['tuning'];
  } = {},
): Promise<Harness> {
  const api = options.api ?? (await startFakeBotApi());
  if (!options.api) cleanups.push(() => api.close());
  options.prepare?.(api);
  const state = testAssistant();
  cleanups.push(() => state.close());
  const log = memoryLogger();
  const reports: AdapterHealth[] = [];
  const fatals: string[] = [];
  const adapter = await startTelegram({
    assistant: options.assistant?.(state.assistant) ?? state.assistant,
    config: { TELEGRAM_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, TELEGRAM_WEBHOOK_PORT: 0, ...options.config },
    logger: log.logger,
    lifecycle: { report: (health) => reports.push(health), fatal: (line) => fatals.push(line) },
    tuning: { ...FAST, ...options.tuning },
  });
  cleanups.push(() => adapter.stop());
  return { api, adapter, reports, fatals, log };
}

const answerTo = (api: FakeBotApi, chat: number, contains: string) =>
  api.waitFor(
    'sendMessage',
    (call) => call.body.chat_id === chat && visibleText(String(call.body.text)).includes(contains),
  );

describe('start-up', () => {
  it('a refused token rejects start-up with one line saying what to do', async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    api.revokeToken();
    await expect(start({ api })).rejects.toThrow(
      /^TELEGRAM_TOKEN was rejected \(401\): get a new one from @BotFather$/,
    );
  });

  it('a token Telegram does not know as a bot (404 on getMe) rejects start-up too, not retried for ever', async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    api.failAlways('getMe', { status: 404, description: 'Not Found' });
    await expect(start({ api })).rejects.toThrow(
      /^TELEGRAM_TOKEN or TELEGRAM_API_ROOT is wrong \(getMe: 404 Not Found\)/,
    );
  });

  it('an outage at getMe is retried with backoff, shown as down, and start-up completes', async () => {
    const { api, reports, log } = await start({ prepare: (api) => api.fail('getMe', { status: 502 }, 3) });
    expect(api.callsOf('getMe')).toHaveLength(4);
    expect(reports[0]).toEqual({ status: 'starting' });
    expect(reports).toContainEqual({ status: 'down', detail: 'getMe: 502 Bad Gateway' });
    expect(log.has('telegram: cannot reach the Bot API, retrying')).toBe(true);
    api.push(text(KIROV));
    await answerTo(api, 7, '30 June 2008');
  });

  it('a 502 on deleteWebhook is retried, and polling starts', async () => {
    const { api, adapter } = await start({ prepare: (api) => api.fail('deleteWebhook', { status: 502 }, 2) });
    api.push(text(KIROV));
    await answerTo(api, 7, '30 June 2008');
    expect(api.callsOf('deleteWebhook')).toHaveLength(3);
    expect(adapter.health()).toEqual({ status: 'ready' });
  });
});

describe('polling on a bad day', () => {
  it('409 Conflict (a second poller) is retried, logged and shown; polling recovers by itself', async () => {
    const { api, adapter, reports, log } = await start({
      prepare: (api) =>
        api.fail('getUpdates', { status: 409, description: 'Conflict: terminated by other getUpdates request' }, 4),
    });
    await until(() => reports.some((health) => health.status === 'down'), 5000, 'down');
    expect(reports.find((health) => health.status === 'down')?.detail).toBe(
      'getUpdates: 409 Conflict: terminated by other getUpdates request',
    );
    expect(log.has('telegram: polling failed, retrying')).toBe(true);
    api.push(text(KIROV));
    await answerTo(api, 7, '30 June 2008');
    expect(adapter.health()).toEqual({ status: 'ready' });
    expect(log.has('telegram: polling recovered')).toBe(true);
    // Backoff: attempts spread out, not a tight loop.
    const times = api.callsOf('getUpdates').map((call) => call.at);
    expect(times[4] ?? 0).toBeGreaterThan((times[0] ?? 0) + 150);
  });

  it('a real second poller (a deploy overlap): neither stops, every update is answered at least once', async () => {
    const first = await start();
    const second = await start({ api: first.api });
    for (let index = 0; index < 6; index++) first.api.push(text(KIROV, { id: 100 + index, language: 'en' }));
    // Both may take an update the other has not confirmed yet: a duplicate, never a loss.
    await until(
      () => new Set(first.api.callsOf('sendMessage').map((call) => call.body.chat_id)).size === 6,
      15_000,
      'six chats answered',
    );
    expect(first.fatals).toEqual([]);
    expect(second.fatals).toEqual([]);
  });

  it('5xx and lost connections while polling: down with the reason, then ready again', async () => {
    const { api, adapter, reports } = await start();
    await until(() => adapter.health().status === 'ready', 5000, 'ready');
    api.failAlways('getUpdates', { status: 502 });
    await until(() => adapter.health().status === 'down', 5000, 'down');
    expect(adapter.health().detail).toBe('getUpdates: 502 Bad Gateway');
    api.failAlways('getUpdates', { status: 0, hangUp: true });
    await until(
      () =>
        adapter.health().detail?.startsWith('getUpdates: ') &&
        adapter.health().detail !== 'getUpdates: 502 Bad Gateway',
      5000,
      'network error',
    );
    api.heal();
    api.push(text(KIROV));
    await answerTo(api, 7, '30 June 2008');
    expect(adapter.health()).toEqual({ status: 'ready' });
    expect(reports.map((health) => health.status)).toEqual(expect.arrayContaining(['starting', 'ready', 'down']));
  });

  it('a 429 on getUpdates waits retry_after', async () => {
    const { api } = await start({ prepare: (api) => api.fail('getUpdates', { status: 429, retryAfter: 1 }) });
    await until(() => api.callsOf('getUpdates').length >= 2, 5000, 'second getUpdates');
    const [first, second] = api.callsOf('getUpdates');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('a Bot API that stops answering turns health down after the long-poll timeout plus the margin', async () => {
    const { api, adapter } = await start();
    await until(() => adapter.health().status === 'ready', 5000, 'ready');
    api.failAlways('getUpdates', { status: 0, stall: true });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(adapter.health().status).toBe('ready');
    await until(() => adapter.health().status === 'down', 6000, 'down');
    expect(adapter.health().detail).toMatch(/getUpdates|no successful getUpdates/);
  });

  it('a token revoked while polling is fatal, with the one line', async () => {
    const { api, fatals, adapter } = await start();
    await until(() => adapter.health().status === 'ready', 5000, 'ready');
    api.revokeToken();
    await until(() => fatals.length > 0, 5000, 'fatal');
    expect(fatals).toEqual(['TELEGRAM_TOKEN was rejected (401): get a new one from @BotFather']);
    expect(adapter.health()).toMatchObject({ status: 'down' });
  });

  it('polls with the long-poll timeout when idle, not in a loop', async () => {
    const { api } = await start({ tuning: { pollTimeoutSeconds: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const polls = api.callsOf('getUpdates');
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.length).toBeLessThanOrEqual(4);
    expect(polls.every((call) => call.body.timeout === 1)).toBe(true);
    expect(polls[0]?.body.allowed_updates).toEqual([
      'message',
      'edited_message',
      'channel_post',
      'callback_query',
      'inline_query',
    ]);
  });
});

describe('at least once', () => {
  it('an update is confirmed only once it and every one before it is answered', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { api } = await start({
      assistant: (base) => ({
        ...base,
        get engine() {
          return base.engine;
        },
        ask: async (question) => {
          if (question.user.id === '11') await gate;
          return base.ask(question);
        },
      }),
    });
    const slow = api.push(text(KIROV, { id: 11, language: 'en' }));
    api.push(text(KIROV, { id: 12, language: 'en' }));
    // The later update is answered while the earlier one waits…
    await answerTo(api, 12, '30 June 2008');
    await new Promise((resolve) => setTimeout(resolve, 700));
    // …but no getUpdates has confirmed the one still waiting.
    for (const call of api.callsOf('getUpdates')) expect(Number(call.body.offset ?? 0)).toBeLessThanOrEqual(slow);
    expect(api.queued.map((update) => update.update_id)).toContain(slow);
    expect(api.callsOf('sendMessage').filter((call) => call.body.chat_id === 12)).toHaveLength(1);
    release();
    await answerTo(api, 11, '30 June 2008');
    await until(() => !api.queued.some((update) => update.update_id === slow), 5000, 'confirmed');
  });

  it('one chat flooding a whole batch while it waits out a 429 does not keep the others unheard', async () => {
    const { api, log } = await start({
      prepare: (api) => api.fail('sendMessage', { status: 429, retryAfter: 4 }),
      tuning: { pacing: { perChatIntervalMs: 0 } },
    });
    api.push(text(KIROV, { id: 7, language: 'en' }));
    await api.waitFor('sendMessage');
    for (let index = 0; index < 120; index++) api.push(text(KIROV, { id: 7, language: 'en' }));
    const started = performance.now();
    api.push(text('When was the agreement with Dasing signed?', { id: 8, language: 'en' }));
    await answerTo(api, 8, '26 July 1998');
    expect(performance.now() - started).toBeLessThan(3000);
    expect(log.has('telegram: a full batch is still being handled; confirming it to read on')).toBe(true);
    // The flooded chat is answered too once its wait is over.
    await until(
      () => api.callsOf('sendMessage').filter((call) => call.body.chat_id === 7).length >= 122,
      15_000,
      'chat 7',
    );
  });

  it('shutdown during a 429 does not wait it out: it drops the update, logs it, and the next start answers it', async () => {
    const { api, adapter, log } = await start({
      prepare: (api) => api.fail('sendMessage', { status: 429, retryAfter: 30 }),
    });
    const id = api.push(text(KIROV));
    await api.waitFor('sendMessage');
    const started = performance.now();
    await adapter.stop();
    expect(performance.now() - started).toBeLessThan(2500);
    const dropped = log.lines.find((line) => String(line.msg).includes('unanswered'));
    expect(dropped?.updates).toEqual([id]);
    // Not confirmed: Telegram still holds it, and the next process answers it.
    expect(api.queued.map((update) => update.update_id)).toContain(id);
    await start({ api });
    await until(
      () =>
        api.callsOf('sendMessage').filter((call) => visibleText(String(call.body.text)).includes('30 June 2008'))
          .length === 1,
      10_000,
      'answered after the restart',
    );
  });

  it('a clean stop confirms what was answered, so a restart does not answer it again', async () => {
    const { api, adapter } = await start();
    api.push(text(KIROV));
    await answerTo(api, 7, '30 June 2008');
    await adapter.stop();
    expect(api.queued).toEqual([]);
  });
});
