import { execFileSync, spawnSync } from 'node:child_process';
import { ROOT } from './run.js';

/** Whether tmux can be run here (the terminal tests are skipped without it). */
export const HAS_TMUX = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

let sessions = 0;

/**
 * A command of the project in a real terminal (tmux), driven by keys as a person would type them
 * and read back from the screen. Each one runs on a tmux server of its own, removed by `close`.
 */
export class Terminal {
  private readonly socket = `siedlce-test-${process.pid}-${++sessions}`;

  constructor(command: string, env: NodeJS.ProcessEnv, size = { columns: 100, rows: 40 }) {
    // The exit code is printed and the pane kept, so a test can read what the command said last.
    const script = `${command}; echo "[exit $?]"; sleep 600`;
    execFileSync(
      'tmux',
      [
        '-L',
        this.socket,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-x',
        `${size.columns}`,
        '-y',
        `${size.rows}`,
        script,
      ],
      { cwd: ROOT, env, stdio: 'ignore' },
    );
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  /** Types text literally (no key names). */
  type(text: string): void {
    this.tmux('send-keys', '-l', text);
  }

  /** Presses keys by tmux name: Enter, Up, Left, C-c, C-d… */
  press(...keys: string[]): void {
    this.tmux('send-keys', ...keys);
  }

  /** The screen's text (and what scrolled off it); with `colours`, with its escape sequences. No trailing blanks. */
  screen(colours = false): string {
    const text = this.tmux('capture-pane', '-p', '-J', '-S', '-', ...(colours ? ['-e'] : []));
    return text
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /** The last line on the screen, e.g. the prompt with what is typed after it. */
  lastLine(): string {
    return this.screen().split('\n').at(-1) ?? '';
  }

  /** Waits until `test` holds on the screen; fails after `ms` showing the screen. */
  async until(test: (screen: string) => boolean, ms = 15_000): Promise<string> {
    const deadline = Date.now() + ms;
    for (;;) {
      const screen = this.screen();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`timed out; the screen:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
  }
}
