import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterHealth } from '../../src/adapters/adapter.js';
import { type StartTelegramOptions, startTelegram } from '../../src/adapters/telegram/index.js';
import { webhookHealth, webhookSecret } from '../../src/adapters/telegram/webhook.js';
import { type FakeBotApi, startFakeBotApi } from './fake-bot-api.js';
import { testAssistant, until, visibleText } from './support.js';
import { memoryLogger, text } from './updates.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HOOK = 'https://bot.example.org/telegram/hook';

async function startHook(
  api: FakeBotApi,
  config: Partial<StartTelegramOptions['config']> = {},
  tuning: StartTelegramOptions['tuning'] = {},
) {
  const state = testAssistant();
  cleanups.push(() => state.close());
  const reports: AdapterHealth[] = [];
  const fatals: string[] = [];
  const asked: string[] = [];
  const log = memoryLogger();
  const base = state.assistant;
  const adapter = await startTelegram({
    assistant: {
      ...base,
      get engine() {
        return base.engine;
      },
      ask: (question) => {
        asked.push(question.text);
        return base.ask(question);
      },
    },
    config: {
      TELEGRAM_TOKEN: api.token,
      TELEGRAM_API_ROOT: api.url,
      TELEGRAM_WEBHOOK_URL: HOOK,
      TELEGRAM_WEBHOOK_PORT: 0,
      TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
      ...config,
    },
    logger: log.logger,
    lifecycle: { report: (health) => reports.push(health), fatal: (line) => fatals.push(line) },
    tuning: { stopDeadlineMs: 500, ...tuning },
  });
  cleanups.push(() => adapter.stop());
  return { adapter, reports, fatals, log, asked };
}

/** POSTs bytes to the webhook in separate writes (separate TCP packets on loopback, with a pause between). */
function post(port: number, path: string, parts: Buffer[], headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const length = parts.reduce((sum, part) => sum + part.length, 0);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': length, ...headers },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    const [first, ...rest] = parts;
    req.write(first);
    req.flushHeaders();
    setTimeout(() => {
      for (const part of rest) req.write(part);
      req.end();
    }, 50);
  });
}

const updateBytes = (body: string, language = 'pl', id = 900) =>
  Buffer.from(JSON.stringify({ update_id: id, ...text(body, { id: 7, language }) }), 'utf8');

describe('webhook', () => {
  it('a Polish question split inside "ł" across two writes is decoded whole and answered with its date', async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    const { adapter, asked } = await startHook(api);
    const bytes = updateBytes('Kiedy podpisano umowę z Wołkowyskiem?');
    const l = Buffer.from('ł', 'utf8');
    const at = bytes.indexOf(l) + 1;
    expect(bytes[at - 1]).toBe(l[0]);
    const secret = webhookSecret(undefined, api.token);
    const status = await post(adapter.webhookPort ?? 0, '/telegram/hook', [bytes.subarray(0, at), bytes.subarray(at)], {
      'x-telegram-bot-api-secret-token': secret,
    });
    expect(status).toBe(200);
    // 200 comes after the answer: it is already sent.
    const [answer] = api.callsOf('sendMessage');
    expect(visibleText(String(answer?.body.text))).toContain('26 września 2000');
    // The engine is forgiving enough to read "Wo��kowyskiem" too: check the text it was given.
    expect(asked).toEqual(['Kiedy podpisano umowę z Wołkowyskiem?']);
  });

  it('404 for other paths, 405 for other methods, 403 without the secret, 413 past the size cap, 400 for non-JSON', async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    const { adapter } = await startHook(api, { TELEGRAM_WEBHOOK_SECRET: 'hook-secret_1' });
    const port = adapter.webhookPort ?? 0;
    const good = { 'x-telegram-bot-api-secret-token': 'hook-secret_1' };
    const body = updateBytes('Kiedy podpisano umowę z Kirowem?');
    expect(await post(port, '/other', [body], good)).toBe(404);
    expect(await post(port, '/telegram/hook/x', [body], good)).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/telegram/hook`)).status).toBe(405);
    expect(await post(port, '/telegram/hook', [body], {})).toBe(403);
    expect(await post(port, '/telegram/hook', [body], { 'x-telegram-bot-api-secret-token': 'wrong' })).toBe(403);
    expect(await post(port, '/telegram/hook', [Buffer.alloc(2 * 1024 * 1024, 0x20)], good).catch(() => 413)).toBe(413);
    expect(await post(port, '/telegram/hook', [Buffer.from('{"update_id": 1, "message": ')], good)).toBe(400);
    expect(await post(port, '/telegram/hook', [Buffer.from([0x7b, 0xff, 0x7d])], good)).toBe(400);
    expect(api.callsOf('sendMessage')).toHaveLength(0);
    expect(await post(port, '/telegram/hook', [body], good)).toBe(200);
    expect(api.callsOf('sendMessage')).toHaveLength(1);
    // Telegram's retry of the same update is not answered twice.
    expect(await post(port, '/telegram/hook', [body], good)).toBe(200);
    expect(api.callsOf('sendMessage')).toHaveLength(1);
  });

  it('without TELEGRAM_WEBHOOK_SECRET, replicas derive the same secret from the token (HMAC-SHA256)', async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    const one = await startHook(api);
    const first = api.webhook?.secret;
    const two = await startHook(api);
    expect(api.webhook?.secret).toBe(first);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(webhookSecret(undefined, 'another:token')).not.toBe(first);
    // The first replica still accepts what Telegram sends with the (same) secret.
    const status = await post(
      one.adapter.webhookPort ?? 0,
      '/telegram/hook',
      [updateBytes('Kiedy podpisano umowę z Kirowem?', 'pl', 901)],
      {
        'x-telegram-bot-api-secret-token': first ?? '',
      },
    );
    expect(status).toBe(200);
    expect(two.adapter.webhookPort).not.toBe(one.adapter.webhookPort);
    expect(() => webhookSecret('has spaces', api.token)).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });

  it('checks at start that Telegram kept the URL, and reports getWebhookInfo errors and pending updates in health', async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    const { adapter, log } = await startHook(api, {}, { webhookInfoEveryMs: 200 });
    expect(api.callsOf('getWebhookInfo').length).toBeGreaterThanOrEqual(1);
    expect(adapter.health()).toEqual({ status: 'ready' });
    api.push(text('Kiedy podpisano umowę z Kirowem?'));
    if (api.webhook) {
      api.webhook.lastErrorDate = Math.floor(Date.now() / 1000);
      api.webhook.lastErrorMessage = 'Wrong response from the webhook: 502 Bad Gateway';
    }
    await until(() => adapter.health().status === 'down', 5000, 'down');
    expect(adapter.health().detail).toMatch(
      /^webhook: last delivery failed \d+ s ago: Wrong response from the webhook: 502 Bad Gateway; 1 update\(s\) pending$/,
    );
    expect(log.has('telegram: webhook unhealthy')).toBe(true);
    // Another deployment took the webhook over.
    if (api.webhook) api.webhook = { url: 'https://elsewhere.example.org/hook' };
    await until(() => adapter.health().detail?.includes('elsewhere') === true, 5000, 'url mismatch');
  });

  it('start-up fails with one line when Telegram keeps another URL', async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    api.ignoreSetWebhook = true;
    await expect(startHook(api)).rejects.toThrow(
      `TELEGRAM_WEBHOOK_URL: Telegram kept no webhook after setWebhook ${HOOK}; check the address`,
    );
    expect(webhookHealth({ url: '', has_custom_certificate: false, pending_update_count: 0 }, HOOK, 60)).toEqual({
      status: 'down',
      detail: `webhook: Telegram calls no webhook, not ${HOOK}`,
    });
  });

  it('a refused token at setWebhook rejects start-up with the one line', async () => {
    const api = await startFakeBotApi();
    cleanups.push(() => api.close());
    api.failAlways('setWebhook', { status: 401, description: 'Unauthorized' });
    await expect(startHook(api)).rejects.toThrow('TELEGRAM_TOKEN was rejected (401): get a new one from @BotFather');
  });
});
