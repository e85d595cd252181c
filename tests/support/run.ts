import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command in the project folder with the given stdin and environment, to its end. */
export function run(command: string, args: string[], input: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The bot started as `npm start` runs it, in a fresh state folder, its log (stderr) collected. */
export interface BotProcess {
  readonly child: ChildProcess;
  /** Everything it has logged so far. */
  log(): string;
  /** Waits for a log line containing `text`; fails with the log when it exits or 30 s pass. */
  waitForLog(text: string): Promise<void>;
  /** Sends SIGTERM and resolves with the exit code. */
  terminate(): Promise<number | null>;
  /** Kills it if still running and removes its state folder. */
  cleanUp(): void;
}

/** Settings a developer's shell may hold that would change what the bot starts. */
const BOT_SETTINGS = /^(DISCORD_|TELEGRAM_|REDIS_URL|HEALTH_PORT|STATE_DIR)/;

export function startBotProcess(settings: Record<string, string>): BotProcess {
  const stateDir = mkdtempSync(join(tmpdir(), 'siedlce-bot-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !BOT_SETTINGS.test(key)));
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: ROOT,
    env: { ...env, STATE_DIR: stateDir, LOG_LEVEL: 'info', ...settings },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    log += chunk;
  });
  return {
    child,
    log: () => log,
    async waitForLog(text) {
      const started = Date.now();
      while (!log.includes(text)) {
        if (Date.now() - started > 30_000 || child.exitCode !== null)
          throw new Error(`no "${text}" in the log:\n${log}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    terminate() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      return exited;
    },
    cleanUp() {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
