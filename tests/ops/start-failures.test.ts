import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, Running, runScript, TSX } from '../support/run.js';

// The product's black-box checks: `npm start` (the bot's process) with a bad setting, a broken
// locale, a corrupt state file, a taken port, a platform that refuses, and a signal. Each ends with
// one clear line and the right exit code, and nothing is left running.

const dir = mkdtempSync(join(tmpdir(), 'siedlce-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MAIN = 'src/main.ts';
let cases = 0;
const stateDir = () => mkdtempSync(join(dir, `state-${++cases}-`));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function eventually(test: () => boolean, what: string, ms = 20_000): Promise<void> {
  for (const started = Date.now(); !test(); await sleep(25)) {
    if (Date.now() - started > ms) throw new Error(`never happened: ${what}`);
  }
}

/** The last line of stderr must be the one line, and no stack trace anywhere. */
function lastLine(stderr: string): string {
  expect(stderr).not.toMatch(/^\s+at /m);
  return stderr.trimEnd().split('\n').at(-1) ?? '';
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createTcpServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<Server & { url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(Object.assign(server, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
    ),
  );
}
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

/**
 * A Bot API that says yes to everything, with getMe held until `release()`; getUpdates long-polls
 * briefly and returns nothing. Records the methods called.
 */
async function fakeTelegram() {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = await listen((request, response) => {
    const method = (request.url ?? '').split('/').at(-1)?.split('?')[0] ?? '';
    calls.push(method);
    const reply = (result: unknown) => {
      if (response.destroyed) return;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
    };
    request.resume();
    if (method === 'getMe') {
      void released.then(() => reply({ id: 1, is_bot: true, first_name: 'Siedlce', username: 'siedlce_bot' }));
    } else if (method === 'getUpdates') {
      setTimeout(() => reply([]), 300);
    } else {
      reply(true);
    }
  });
  return { server, calls, release };
}

describe('start-up that fails ends the process with one line', () => {
  it.each([
    ['a setting', { RATE_LIMIT_WINDOW_SECONDS: 'soon' }, /^Cannot start: RATE_LIMIT_WINDOW_SECONDS="soon" must be/],
    [
      'REDIS_URL with a wrong scheme',
      { REDIS_URL: 'http://127.0.0.1:6379' },
      /^Cannot start: REDIS_URL must start with redis:/,
    ],
    [
      'STATE_DIR that is a file',
      { STATE_DIR: join(ROOT, 'package.json') },
      /^Cannot start: STATE_DIR=".*package.json" is a file/,
    ],
    [
      'DEFAULT_LANGUAGE without a locale',
      { DEFAULT_LANGUAGE: 'xx' },
      /^Cannot start: DEFAULT_LANGUAGE="xx" has no locale/,
    ],
  ])('%s', async (_what, env, expected) => {
    const { code, stdout, stderr } = await runScript(MAIN, { STATE_DIR: stateDir(), ...env }, 'Kirov?\n');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(lastLine(stderr)).toMatch(expected);
  });

  it('a broken locale, naming the file and the key', async () => {
    const locales = join(dir, 'locales');
    cpSync(join(ROOT, 'locales'), locales, { recursive: true });
    const file = join(locales, 'en', 'translation.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"signingDate":', '"signingDat":'));
    const { code, stderr } = await runScript(MAIN, { STATE_DIR: stateDir(), LOCALES_DIR: locales }, 'Kirov?\n');
    expect(code).toBe(1);
    expect(lastLine(stderr)).toMatch(/^Cannot start: .*en\/translation\.json: signingDate is missing/);
  });

  it('a corrupt state file, naming it and what to do', async () => {
    const state = stateDir();
    writeFileSync(join(state, 'state.sqlite'), Buffer.alloc(8192, 0x5a));
    const { code, stdout, stderr } = await runScript(MAIN, { STATE_DIR: state }, 'Kirov?\n');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(lastLine(stderr)).toMatch(
      /^Cannot start: the state store .*state\.sqlite cannot be used: .*not a database — .*restore a backup \(docs\/operations\.md\)$/,
    );
  });

  it('a health port already taken, before any platform is contacted', async () => {
    const taken = await listen((_request, response) => response.end());
    const telegram = await fakeTelegram();
    telegram.release();
    try {
      const port = (taken.address() as AddressInfo).port;
      const { code, stderr } = await runScript(MAIN, {
        STATE_DIR: stateDir(),
        HEALTH_PORT: String(port),
        TELEGRAM_TOKEN: '1:health-port',
        TELEGRAM_API_ROOT: telegram.server.url,
      });
      expect(code).toBe(1);
      expect(lastLine(stderr)).toBe(
        `Cannot start: HEALTH_PORT="${port}" is already in use by another process — stop that process or set HEALTH_PORT to a free port`,
      );
      expect(telegram.calls).toEqual([]);
    } finally {
      await close(taken);
      await close(telegram.server);
    }
  });
});

describe('start completely or exit', () => {
  it('shows each adapter as starting, and ok only once everything has started', async () => {
    const telegram = await fakeTelegram();
    const port = await freePort();
    const bot = new Running(TSX, [MAIN], {
      STATE_DIR: stateDir(),
      LOG_LEVEL: 'info',
      HEALTH_PORT: String(port),
      TELEGRAM_TOKEN: '1:starting',
      TELEGRAM_API_ROOT: telegram.server.url,
    });
    try {
      await eventually(() => telegram.calls.includes('getMe'), 'getMe is called');
      const starting = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(starting.status).toBe(503);
      expect(await starting.json()).toMatchObject({
        ok: false,
        phase: 'starting',
        store: { status: 'ready' },
        adapters: { telegram: { status: 'starting' } },
      });
      telegram.release();
      await bot.until((self) => self.stderr.includes('"msg":"started"'));
      const ready = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await ready.json()).toMatchObject({ phase: 'ready', adapters: { telegram: { status: 'ready' } } });
      expect(ready.status).toBe(200);
      bot.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.stderr).toContain('"msg":"stopped"');
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
      await close(telegram.server);
    }
  });

  it('stops a running Telegram and exits 1 when Discord cannot start beside it', async () => {
    const telegram = await fakeTelegram();
    telegram.release();
    const discord = await listen((request, response) => {
      request.resume();
      response
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"message": "401: Unauthorized", "code": 0}');
    });
    const port = await freePort();
    const bot = new Running(TSX, [MAIN], {
      STATE_DIR: stateDir(),
      LOG_LEVEL: 'info',
      HEALTH_PORT: String(port),
      TELEGRAM_TOKEN: '1:beside',
      TELEGRAM_API_ROOT: telegram.server.url,
      DISCORD_TOKEN: 'rejected.discord.token',
      DISCORD_API_URL: `${discord.url}/api`,
    });
    try {
      expect(await bot.exited).toBe(1);
      expect(bot.stderr).toContain('telegram: long polling');
      expect(lastLine(bot.stderr)).toMatch(/^Cannot start: discord: /i);
      expect(bot.stderr).not.toContain('rejected.discord.token');
      // Nothing is left listening or polling.
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
      const polls = telegram.calls.filter((method) => method === 'getUpdates').length;
      await sleep(700);
      expect(telegram.calls.filter((method) => method === 'getUpdates').length).toBe(polls);
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
      await close(telegram.server);
      await close(discord);
    }
  });

  it('stops within the deadline on SIGTERM while an adapter is still starting', async () => {
    const telegram = await fakeTelegram();
    const bot = new Running(TSX, [MAIN], {
      STATE_DIR: stateDir(),
      LOG_LEVEL: 'info',
      TELEGRAM_TOKEN: '1:never',
      TELEGRAM_API_ROOT: telegram.server.url,
    });
    try {
      await eventually(() => telegram.calls.includes('getMe'), 'getMe is called');
      bot.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.stderr).toContain('"msg":"stopped"');
    } finally {
      if (bot.exitCode === null) bot.kill('SIGKILL');
      await close(telegram.server);
    }
  });
});

describe('reload on request', () => {
  it('reloads data/ and locales/ on SIGHUP and goes on answering', async () => {
    // node itself, not the tsx wrapper: tsx passes on SIGINT and SIGTERM, but SIGHUP would end it.
    const chat = new Running(process.execPath, ['--import', 'tsx', MAIN], { STATE_DIR: stateDir(), LOG_LEVEL: 'info' });
    try {
      chat.write('Kirov?\n');
      await chat.until((self) => self.stdout.includes('Kirow'));
      chat.kill('SIGHUP');
      await chat.until((self) => self.stderr.includes('"msg":"data reloaded"'));
      chat.end('Dasing?\n');
      expect(await chat.exited).toBe(0);
      expect(chat.stdout).toContain('Dasing');
    } finally {
      if (chat.exitCode === null) chat.kill('SIGKILL');
    }
  });
});
