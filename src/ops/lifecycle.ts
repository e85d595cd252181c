import type { Logger } from '../logger.js';
import type { Phase } from './health.js';

/** Something started that must be stopped: the health server, the store, an adapter… */
export interface Part {
  readonly name: string;
  stop(): Promise<void>;
}

export interface LifecycleOptions {
  logger: Logger;
  /** A stop must be over within this time; past it the process exits with 1. */
  deadlineMs: number;
  /** Ends the process (tests replace it). */
  exit?: (code: number) => void;
  /** Where the final line goes (stderr). */
  write?: (line: string) => void;
}

export interface Lifecycle {
  readonly phase: Phase;
  /** Records a part that has started; parts are stopped in the reverse order. */
  started(part: Part): void;
  /** Everything has started: health may now say ok. */
  ready(): void;
  /**
   * Stops every part, last started first, then exits with `code`. With a `line` (a failure), the
   * line is the last thing written: `Cannot start: …` before ready, `Fatal: …` after. A second
   * call while stopping changes nothing, except that a failure turns an exit 0 into 1.
   */
  end(code: number, line?: string): Promise<void>;
  /** SIGTERM and SIGINT end the process with 0; SIGHUP runs `onHangUp`. */
  installSignals(onHangUp?: () => void): void;
}

export function createLifecycle(options: LifecycleOptions): Lifecycle {
  const { logger } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const parts: Part[] = [];
  let phase: Phase = 'starting';
  let wasReady = false;
  let ending: Promise<void> | undefined;
  let exitCode = 0;
  let finalLine: string | undefined;

  const stopAll = async () => {
    for (const part of parts.splice(0).reverse()) {
      try {
        await part.stop();
      } catch (error) {
        exitCode = 1;
        logger.error({ err: error, part: part.name }, `${part.name} did not stop cleanly`);
      }
    }
  };

  const lifecycle: Lifecycle = {
    get phase() {
      return phase;
    },
    started(part) {
      parts.push(part);
    },
    ready() {
      if (phase !== 'starting') return;
      phase = 'ready';
      wasReady = true;
    },
    end(code, line) {
      if (code !== 0) exitCode = 1;
      if (line && finalLine === undefined) finalLine = `${wasReady ? 'Fatal' : 'Cannot start'}: ${line}`;
      if (ending) return ending;
      phase = 'stopping';
      const deadline = setTimeout(() => {
        logger.error(`stop took more than ${options.deadlineMs} ms, exiting`);
        if (finalLine) write(finalLine);
        exit(1);
      }, options.deadlineMs);
      deadline.unref();
      ending = stopAll().then(() => {
        clearTimeout(deadline);
        if (finalLine) write(finalLine);
        else logger.info('stopped');
        exit(exitCode);
      });
      return ending;
    },
    installSignals(onHangUp) {
      // A repeated signal is ignored (Ctrl-C in a terminal reaches both npm/tsx and the bot, and
      // they pass it on); the deadline ends a stop that hangs.
      const stop = (signal: NodeJS.Signals) => () => {
        if (ending) return;
        logger.info({ signal }, 'stopping');
        void lifecycle.end(0);
      };
      process.on('SIGTERM', stop('SIGTERM'));
      process.on('SIGINT', stop('SIGINT'));
      if (onHangUp) process.on('SIGHUP', onHangUp);
    },
  };
  return lifecycle;
}
