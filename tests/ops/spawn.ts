import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Settings of the test's own: nothing from the developer's environment leaks in. */
const CLEAN = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) =>
      !/^(DISCORD_|TELEGRAM_|REDIS_URL|STATE_DIR|HEALTH_PORT|DATA_FILE|LOCALES_DIR|LOG_LEVEL|RATE_LIMIT|LANG$)/.test(
        name,
      ),
  ),
);

/** A running `tsx <script>`, with its output collected and a way to wait for a line. */
export class Running {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;
  private waiters: (() => void)[] = [];

  constructor(script: string, env: NodeJS.ProcessEnv, args: string[] = []) {
    this.child = spawn(TSX, [script, ...args], { cwd: ROOT, env: { ...CLEAN, ...env }, stdio: 'pipe' });
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
  until(test: (self: Running) => boolean, ms = 20_000): Promise<void> {
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

/** Runs a script to its end with the given stdin. */
export async function runScript(
  script: string,
  env: NodeJS.ProcessEnv,
  input = '',
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const running = new Running(script, env, args);
  running.end(input);
  const code = await running.exited;
  return { code, stdout: running.stdout, stderr: running.stderr };
}
