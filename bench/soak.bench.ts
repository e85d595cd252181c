/**
 * Soak: 100,000 questions from 1,000 users through the Assistant with the real store (SQLite under
 * a temporary STATE_DIR, or Redis when REDIS_URL is set), the rate limiter and the unanswered log.
 * Reports throughput, answer latency and whether memory stays flat: the live heap after a full
 * collection (what a leak grows), with the resident set shown beside it (V8 sizes its heap lazily,
 * so RSS alone rises for a while without any leak).
 *
 *   npm run bench:soak -- [--questions 100000] [--users 1000] [--concurrency 64]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient } from '@keyv/redis';
import { loadDataset } from '../src/domain/load.js';
import { loadLocales } from '../src/domain/locales.js';
import { createEngine } from '../src/engine/index.js';
import { createMetrics } from '../src/ops/metrics.js';
import { createAssistant } from '../src/service/assistant.js';
import { createRateLimiter } from '../src/store/rate-limit.js';
import { openStore, type Platform, type UserRef } from '../src/store/state.js';

const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: '100000' },
    users: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '64' },
  },
});
const QUESTIONS = Number(values.questions);
const USERS = Number(values.users);
const CONCURRENCY = Number(values.concurrency);
const SAMPLES = 10;

const FALLBACK = [
  'Kiedy podpisano umowę z Kirowem?',
  'A z Dasing?',
  'Ile miast partnerskich mają Siedlce?',
  'Quali sono le città gemellate con Siedlce?',
  'E con Pescantina?',
  'Which schools work with Sabinov?',
  'How far is Vilnius district from Siedlce?',
  'Is Paris a partner city?',
  'asdf qwerty',
  'hello',
];
const evalSet = new URL('../tests/engine/eval-set.jsonl', import.meta.url);
const texts = existsSync(evalSet)
  ? readFileSync(evalSet, 'utf8')
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { text: string }).text)
  : FALLBACK;

const locales = loadLocales();
const engine = createEngine({ dataset: loadDataset(locales.languages), locales, defaultLanguage: 'pl' });
const stateDir = mkdtempSync(join(tmpdir(), 'soak-'));
const redisUrl = process.env.REDIS_URL || undefined;
const prefix = `soak-${process.pid}`;
const store = openStore({ stateDir, redisUrl, prefix });
const metrics = createMetrics({ processMetrics: false });
const assistant = createAssistant({
  engine,
  state: store,
  // The limiter runs on every question, with a limit no user of the soak reaches.
  rateLimiter: createRateLimiter({ counter: store.counter, limit: 1_000_000, windowMs: 10_000 }),
  unanswered: metrics.countUnanswered(store.unanswered),
  observer: metrics,
});

const platforms: Platform[] = ['discord', 'telegram', 'console'];
const users: UserRef[] = Array.from({ length: USERS }, (_, index) => ({
  platform: platforms[index % platforms.length] ?? 'discord',
  id: `user-${index}`,
}));
// A third of the users chose a language; the others are answered in the language they write in.
for (const [index, user] of users.entries()) {
  if (index % 3 === 0) await assistant.chooseLanguage(user, (['pl', 'it', 'en'] as const)[index % 9 === 0 ? 1 : 2]);
}

// A full collection before each sample, so the heap figure is what is still reachable.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const latencies = new Float64Array(QUESTIONS);
const rss: number[] = [];
const liveHeap: number[] = [];
let next = 0;
let done = 0;
let limited = 0;
const started = performance.now();
let lastMark = started;

console.log(
  `soak: ${QUESTIONS} questions, ${USERS} users, ${CONCURRENCY} at a time, store ${store.kind} (${store.location})`,
);
console.log('   questions   q/s (last 10%)   rss MB   live heap MB');

async function worker(): Promise<void> {
  while (next < QUESTIONS) {
    const index = next++;
    const user = users[index % USERS] as UserRef;
    const text = texts[(index * 7 + Math.floor(index / USERS)) % texts.length] as string;
    const asked = performance.now();
    const outcome = await assistant.ask({ user, session: `${user.platform}:chat:${user.id}`, text });
    latencies[index] = performance.now() - asked;
    if (outcome.kind === 'limited') limited += 1;
    done += 1;
    if (done % (QUESTIONS / SAMPLES) === 0) {
      const now = performance.now();
      collectGarbage();
      const memory = process.memoryUsage();
      rss.push(memory.rss);
      liveHeap.push(memory.heapUsed);
      const rate = (QUESTIONS / SAMPLES / (now - lastMark)) * 1000;
      lastMark = now;
      console.log(
        `${String(done).padStart(12)}   ${rate.toFixed(0).padStart(14)}   ${mb(memory.rss).padStart(6)}   ${mb(memory.heapUsed).padStart(12)}`,
      );
    }
  }
}

await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const seconds = (performance.now() - started) / 1000;
const sorted = Array.from(latencies).sort((a, b) => a - b);
const percentile = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(2);
const unanswered = (await store.unanswered.entries()).length;
await store.close();
rmSync(stateDir, { recursive: true, force: true });
if (redisUrl) {
  // Leave the Redis as it was: every key of this run starts with its prefix.
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
    if (keys.length > 0) await redis.del(keys);
  }
  await redis.quit();
}

// Flat: after warm-up (the first fifth), the live heap may grow by at most 10% to the end.
const growthOf = (samples: readonly number[]) => {
  const warm = samples[1] ?? samples[0] ?? 0;
  const last = samples.at(-1) ?? 0;
  return { warm, last, growth: warm > 0 ? (last - warm) / warm : 0 };
};
const heap = growthOf(liveHeap);
const resident = growthOf(rss);
const percentOf = (growth: number) => `${(growth * 100).toFixed(1)}%`;
console.log('');
console.log(`throughput      ${(QUESTIONS / seconds).toFixed(0)} questions/s (${seconds.toFixed(1)} s in all)`);
console.log(`latency ms      p50 ${percentile(0.5)}  p95 ${percentile(0.95)}  p99 ${percentile(0.99)}`);
console.log(`live heap MB    after 20% ${mb(heap.warm)} → end ${mb(heap.last)} (${percentOf(heap.growth)})`);
console.log(
  `rss MB          after 20% ${mb(resident.warm)} → end ${mb(resident.last)} (${percentOf(resident.growth)}), max ${mb(Math.max(...rss))}`,
);
console.log(`unanswered      ${unanswered} logged; rate limited ${limited}`);
console.log(`memory flat     ${heap.growth <= 0.1 ? 'yes' : 'NO'}`);
process.exitCode = heap.growth <= 0.1 && limited === 0 ? 0 : 1;
