import type { Engine } from '../engine/index.js';
import { loadDotEnv } from '../ops/env.js';
import { quickEngine } from '../quick-start.js';
import { exitQuietlyOnEpipe, runMain } from './run-main.js';

async function batch(engine: Engine): Promise<void> {
  // The batch's request schema is zod: loaded only here, so that one question starts without it.
  const { answerBatch } = await import('./batch.js');
  await answerBatch(engine, process.stdin, process.stdout);
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
