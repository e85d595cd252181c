import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** The environment without the developer's own bot settings: each test says what it runs with. */
const CLEAN = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) =>
      !/^(DISCORD_|TELEGRAM_|REDIS_URL|STATE_DIR|HEALTH_PORT|HEALTH_HOST|DATA_FILE|LOCALES_DIR|LOG_LEVEL|RATE_LIMIT|LANG$)/.test(
        name,
      ),
  ),
);

/** A running command of the project, with its output collected and a way to wait for a line. */
export class Running {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;
  private waiters: (() => void)[] = [];

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
    // Tests listen on loopback only, also where the bot would default to every interface (a container).
    const defaults = { HEALTH_HOST: '127.0.0.1' };
    this.child = spawn(command, args, { cwd: ROOT, env: { ...CLEAN, ...defaults, ...env }, stdio: 'pipe' });
    const wake = () => {
      for (const waiter of this.waiters) waiter();
    };
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      wake();
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
      wake();
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  write(text: string): void {
    this.child.stdin.write(text);
  }

  end(text?: string): void {
    this.child.stdin.end(text);
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Resolves once `test` holds on the output so far; rejects after `ms` with what was seen. */
  until(test: (self: Running) => boolean, ms = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!test(this)) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        reject(new Error(`timed out; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      }, ms);
      this.waiters.push(check);
      check();
    });
  }
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command (`npm`, `npx`…) in the project folder with the given stdin, to its end. */
export async function run(
  command: string,
  args: string[],
  input: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  const running = new Running(command, args, env);
  running.end(input);
  const code = await running.exited;
  return { code, stdout: running.stdout, stderr: running.stderr };
}

/** Runs one of the project's TypeScript entry points with tsx, to its end. */
export const runScript = (script: string, env: NodeJS.ProcessEnv, input = '', args: string[] = []) =>
  run(TSX, [script, ...args], input, env);

/** The bot started as `npm start` runs it, in a fresh state folder; `cleanUp` kills it and removes that. */
export function startBotProcess(settings: Record<string, string>): Running & { cleanUp(): void } {
  const stateDir = mkdtempSync(join(tmpdir(), 'siedlce-bot-'));
  const running = new Running(TSX, ['src/main.ts'], { STATE_DIR: stateDir, LOG_LEVEL: 'info', ...settings });
  return Object.assign(running, {
    cleanUp() {
      if (running.exitCode === null) running.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
    },
  });
}
