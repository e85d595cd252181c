import { DataFileError } from '../domain/files.js';
import { ConfigError } from '../settings.js';
import { StoreOpenError } from '../store/backend.js';

/**
 * A failure whose message is already the one line an operator needs ("discord: the token was
 * rejected — set DISCORD_TOKEN to the bot's token"), for errors of the start path that are not
 * about a setting or a file.
 */
export class StartError extends Error {
  override name = 'StartError';
}

/** The stack is for developers: shown only when LOG_LEVEL asks for debug output. */
const wantsStack = () => /^(debug|trace)$/i.test(process.env.LOG_LEVEL?.trim() ?? '');

/** What went wrong in one line, whatever was thrown: the message's first line. */
export function failureLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const [first = 'unknown error'] = message.split('\n');
  const known =
    error instanceof ConfigError ||
    error instanceof DataFileError ||
    error instanceof StoreOpenError ||
    error instanceof StartError;
  return known ? first : `${first} — run with LOG_LEVEL=debug for the details`;
}

/** The one line a failed start ends with. */
export const cannotStartLine = (error: unknown) => `Cannot start: ${failureLine(error)}`;

/** A reader went away (`| head -1`): not an error of ours, so end quietly. */
export function exitQuietlyOnEpipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

/**
 * Runs a command-line entry point. A failure ends the process at once with one line on stderr and
 * exit code 1 (the stack only at LOG_LEVEL=debug): nothing half-started is left running, and
 * nothing keeps the process alive (a Redis reconnect loop, an open socket).
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${cannotStartLine(error)}\n`);
    if (wantsStack() && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exit(1);
  });
}
