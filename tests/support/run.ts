import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The Node running the tests: CI's Node 24, the one `npm start` finds first on PATH. */
export const NODE = process.execPath;
/** Kept for the tests that name it; a `src/…ts` entry point given to it runs compiled (see `compiled`). */
export const TSX = join(ROOT, 'node_modules/.bin/tsx');

/**
 * The compiled entry point of a `src/…ts` script: tests run what `npm start` runs (dist/, built by
 * the global setup before any test), and node starts in a fifth of tsx's time.
 */
export const compiledScript = (script: string): string => script.replace(/^src\/(.*)\.ts$/, 'dist/$1.js');

/** `tsx src/x.ts …` and `npx tsx src/x.ts …` become `node dist/x.js …`; anything else is left as it is. */
export function compiled(command: string, args: string[]): [string, string[]] {
  const [first = '', second = ''] = args;
  if (command === TSX && first.startsWith('src/')) return [NODE, [compiledScript(first), ...args.slice(1)]];
  if (command === 'npx' && first === 'tsx' && second.startsWith('src/'))
    return [NODE, [compiledScript(second), ...args.slice(2)]];
  return [command, args];
}

/** The environment without the developer's own bot settings: each test says what it runs with. */
export const CLEAN = Object.fromEntries(
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
    const [program, programArgs] = compiled(command, args);
    this.child = spawn(program, programArgs, { cwd: ROOT, env: { ...CLEAN, ...defaults, ...env }, stdio: 'pipe' });
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

  get pid(): number | undefined {
    return this.child.pid;
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

/** Runs one of the project's entry points (`src/cli/report.ts`), compiled, to its end. */
export const runScript = (script: string, env: NodeJS.ProcessEnv, input = '', args: string[] = []) =>
  run(NODE, [compiledScript(script), ...args], input, env);

/** The bot started as `npm start` runs it, in a fresh state folder; `cleanUp` kills it and removes that. */
export function startBotProcess(settings: Record<string, string>): Running & { cleanUp(): void } {
  const stateDir = mkdtempSync(join(tmpdir(), 'siedlce-bot-'));
  const running = new Running(NODE, ['dist/main.js'], { STATE_DIR: stateDir, LOG_LEVEL: 'info', ...settings });
  return Object.assign(running, {
    cleanUp() {
      if (running.exitCode === null) running.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
    },
  });
}

/** Every process below `pid` (children, their children…), read from /proc: what a stop must not leave. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // the fields after the command's closing parenthesis: state, then the parent's pid
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while the list was read
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** Whether a process is still there (a zombie waiting for its parent counts as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
