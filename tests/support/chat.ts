import { PassThrough } from 'node:stream';
import { runConsole } from '../../src/adapters/console/console.js';
import { createAssistant } from '../../src/service/assistant.js';
import type { StateStore } from '../../src/store/state.js';
import { realEngine } from './engine.js';
import { memoryState } from './memory-state.js';

/**
 * The terminal chat in this process, as `npm start` runs it piped (real engine, no rate limiter,
 * as main.ts gives the console): for tests about what the chat says rather than about the process.
 * Returns everything written to stdout.
 */
export async function chatInProcess(
  input: string,
  options: { state?: StateStore; pictureDir: string },
): Promise<string> {
  const assistant = createAssistant({ engine: realEngine(), state: options.state ?? memoryState() });
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let out = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  stdin.end(input);
  await runConsole({ assistant, input: stdin, output: stdout, pictureDir: options.pictureDir });
  return out;
}
