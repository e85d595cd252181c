import { once } from 'node:events';
import type { Engine } from '../engine/index.js';
import { loadDotEnv } from '../ops/env.js';
import { quickEngine } from '../quick-start.js';
import { linesOf } from './lines.js';
import { exitQuietlyOnEpipe, runMain } from './run-main.js';

async function batch(engine: Engine): Promise<void> {
  // The batch's request schema is zod: loaded only here, so that one question starts without it.
  const { batchAnswerer, MAX_LINE_BYTES } = await import('./batch.js');
  const answer = batchAnswerer(engine);
  for await (const line of linesOf(process.stdin, MAX_LINE_BYTES)) {
    // Wait for a slow reader rather than holding every answer in memory.
    if (!process.stdout.write(`${JSON.stringify(answer(line))}\n`)) await once(process.stdout, 'drain');
  }
}

runMain(async () => {
  exitQuietlyOnEpipe();
  const args = process.argv.slice(2);
  loadDotEnv();
  const engine = await quickEngine();
  if (args[0] === '--json') {
    await batch(engine);
    return;
  }
  const question = args.join(' ');
  process.stdout.write(`${engine.answer({ text: question }).text}\n`);
});
