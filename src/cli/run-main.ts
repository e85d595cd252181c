import { ConfigError } from '../config.js';
import { DataFileError } from '../domain/load.js';

/**
 * Runs a command-line entry point: a configuration or data problem ends it with one clear line on
 * stderr and exit code 1, never a stack trace.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof DataFileError) {
      process.stderr.write(`Cannot start: ${error.message}\n`);
    } else {
      process.stderr.write(
        `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exitCode = 1;
  });
}
