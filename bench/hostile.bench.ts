/**
 * Hostile-input benchmark: 100 KB of each shape known to be slow, answered through the assistant,
 * five times each; prints the worst time per shape and fails when one is over the budget.
 * Run with `npm run bench`.
 */
import { engineFromConfig } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createAssistant } from '../src/service/assistant.js';
import { SLOW_SHAPES } from '../tests/support/hostile.js';
import { memoryState } from '../tests/support/memory-state.js';

/** The worst shape may take this long (2 cores shared; today's worst is a few tens of ms). */
const BUDGET_MS = 100;
const ROUNDS = 5;

const assistant = createAssistant({ engine: engineFromConfig(loadConfig()), state: memoryState() });
const user = { platform: 'discord' as const, id: 'bench' };
// The gazetteer and its index of near names are built once, on the first question that needs them
// (bench/places.bench.ts measures that); an ordinary look-alike question pays it here, so each shape
// below is charged only for what it costs itself.
const warmUpStarted = performance.now();
await assistant.ask({ user, session: 'warm-up', text: 'czy Berdiańsk to miasto partnerskie?' });
console.log(`${'first look-alike question (builds)'.padEnd(36)} ${(performance.now() - warmUpStarted).toFixed(1)} ms`);
let worstOverall = 0;
for (const [shape, text] of Object.entries(SLOW_SHAPES)) {
  let worst = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    await assistant.ask({ user, session: 'bench', text });
    worst = Math.max(worst, performance.now() - started);
  }
  worstOverall = Math.max(worstOverall, worst);
  console.log(`${shape.padEnd(36)} worst ${worst.toFixed(1)} ms`);
}
console.log(`worst hostile input: ${worstOverall.toFixed(1)} ms (budget ${BUDGET_MS} ms)`);
if (worstOverall > BUDGET_MS) process.exitCode = 1;
