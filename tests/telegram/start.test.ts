import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type TelegramServer, visibleText } from './support.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TOKEN = 'start-token';

let emulator: TelegramServer;
let child: ChildProcess | undefined;
let stateDir: string;
let stderr = '';

beforeAll(async () => {
  emulator = await startEmulator();
  stateDir = mkdtempSync(join(tmpdir(), 'siedlce-telegram-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DISCORD_|TELEGRAM_|REDIS_URL|HEALTH_PORT|STATE_DIR)/.test(key)) delete env[key];
  }
  Object.assign(env, {
    TELEGRAM_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: emulator.config.apiURL,
    STATE_DIR: stateDir,
    LOG_LEVEL: 'info',
  });
  // What `npm start` runs.
  child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await emulator?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe('npm start with TELEGRAM_TOKEN and TELEGRAM_API_ROOT on the emulator', () => {
  it('answers a question and /partners, and stops cleanly on SIGTERM', async () => {
    const client = emulator.getClient(TOKEN, { userId: 31, chatId: 31, timeout: 40_000 });
    const from = { id: 31, first_name: 'Jan', username: 'jan', is_bot: false, language_code: 'pl' };
    await client.sendMessage(client.makeMessage('Kiedy podpisano umowę z Wołkowyskiem?', { from }));
    const answer = await client.getUpdates().catch((error: unknown) => {
      throw new Error(`no answer: ${String(error)}\n${stderr}`);
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

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('telegram: long polling');
    expect(stderr).not.toContain(TOKEN);
  });
});
