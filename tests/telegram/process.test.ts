import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { webhookSecret } from '../../src/adapters/telegram/webhook.js';
import { Running } from '../support/run.js';
import { type FakeBotApi, startFakeBotApi } from './fake-bot-api.js';
import { until, visibleText } from './support.js';
import { text } from './updates.js';

// The product owner's black-box checks: `npm start` (src/main.ts) against the fake Bot API.

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fake(): Promise<FakeBotApi> {
  const api = await startFakeBotApi();
  cleanups.push(() => api.close());
  return api;
}

/**
 * src/main.ts as `npm start` runs it, but in one process (node with tsx's loader) rather than tsx's
 * wrapper and its child: a SIGKILL then kills the bot itself, as a crash would, and leaves no orphan.
 */
function bot(api: FakeBotApi, settings: Record<string, string> = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), 'siedlce-bot-'));
  const running = new Running(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    STATE_DIR: stateDir,
    LOG_LEVEL: 'info',
    TELEGRAM_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.url,
    ...settings,
  });
  cleanups.push(async () => {
    if (running.exitCode === null) running.kill('SIGKILL');
    await running.exited;
    rmSync(stateDir, { recursive: true, force: true });
  });
  return running;
}

const answered = (api: FakeBotApi, contains: string) =>
  api.callsOf('sendMessage').filter((call) => visibleText(String(call.body.text)).includes(contains));

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('npm start against a Bot API on a bad day', { timeout: 60_000 }, () => {
  it('a 409 Conflict at start is retried and logged, then polling recovers and answers', async () => {
    const api = await fake();
    api.fail('getUpdates', { status: 409, description: 'Conflict: terminated by other getUpdates request' }, 3);
    const running = bot(api);
    api.push(text('Kiedy podpisano umowę z Wołkowyskiem?', { id: 7, language: 'pl' }));
    await until(() => answered(api, '26 września 2000').length > 0, 40_000, 'the answer');
    expect(running.exitCode).toBeNull();
    expect(running.stderr).toContain('telegram: polling failed, retrying');
    expect(running.stderr).toContain('409');
    running.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.stderr).not.toContain(api.token);
  });

  it('a token refused at start exits non-zero with the one line', async () => {
    const api = await fake();
    api.revokeToken();
    const running = bot(api);
    expect(await running.exited).not.toBe(0);
    expect(running.stderr).toContain('TELEGRAM_TOKEN was rejected (401): get a new one from @BotFather');
  });

  it('a token revoked while polling exits non-zero with the one line', async () => {
    const api = await fake();
    const running = bot(api);
    await running.until((self) => self.stderr.includes('telegram: long polling'));
    await api.waitFor('getUpdates', undefined, 30_000);
    api.revokeToken();
    // The answer to this update is refused too: any 401 means the token is gone.
    api.push(text('When was the agreement with Kirov signed?'));
    expect(await running.exited).not.toBe(0);
    expect(running.stderr).toContain('TELEGRAM_TOKEN was rejected (401): get a new one from @BotFather');
  });

  it('a crash before the answer is sent: the next process gets the question again and answers it', async () => {
    const api = await fake();
    // The first process is flooded for a minute and killed while it waits.
    api.fail('sendMessage', { status: 429, retryAfter: 50 });
    const first = bot(api);
    const id = api.push(text('When was the agreement with Kirov signed?', { id: 7, language: 'en' }));
    await api.waitFor('sendMessage', undefined, 40_000);
    first.kill('SIGKILL');
    await first.exited;
    expect(api.queued.map((update) => update.update_id)).toContain(id);
    bot(api);
    await until(() => answered(api, '30 June 2008').length > 0, 40_000, 'the answer after the crash');
  });

  it('webhook: a Polish question whose body is split inside "ł" is answered with its date', async () => {
    const api = await fake();
    const port = await freePort();
    const running = bot(api, {
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/hook',
      TELEGRAM_WEBHOOK_PORT: String(port),
      TELEGRAM_WEBHOOK_HOST: '127.0.0.1',
    });
    await running.until((self) => self.stderr.includes('telegram: webhook'), 40_000);
    expect(api.webhook?.secret).toBe(webhookSecret(undefined, api.token));
    const bytes = Buffer.from(
      JSON.stringify({ update_id: 5, ...text('Kiedy podpisano umowę z Wołkowyskiem?', { id: 7, language: 'pl' }) }),
    );
    const at = bytes.indexOf(Buffer.from('ł')) + 1;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/telegram/hook',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': bytes.length,
            'x-telegram-bot-api-secret-token': api.webhook?.secret ?? '',
          },
        },
        (response) => resolve(response.statusCode ?? 0),
      );
      req.on('error', reject);
      req.write(bytes.subarray(0, at));
      req.flushHeaders();
      setTimeout(() => req.end(bytes.subarray(at)), 50);
    });
    expect(status).toBe(200);
    expect(answered(api, '26 września 2000')).toHaveLength(1);
  });
});
