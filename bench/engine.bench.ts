/**
 * Engine benchmark: 20,000 varied questions answered in process; p50/p99 latency, answers per
 * second, CPU time per answer (steadier than wall time on a busy machine), start-up time (a fresh
 * process, from spawn to its first answer), peak RSS and the load average.
 * Run with `npm run bench`. Numbers go in the README.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { engineFromConfig } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import type { Conversation } from '../src/engine/index.js';

const QUESTIONS = 20_000;
const root = fileURLToPath(new URL('../', import.meta.url));

function labelledTexts(file: string): string[] {
  return readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

const NAMES = [
  'Kirowem',
  'Berdyczowie',
  'Pescantina',
  'Sabinov',
  'Wołkowysk',
  'Dasing',
  'Wilno',
  'Kirof',
  'Paris',
  'Kyiv',
];
const TEMPLATES = [
  'kiedy podpisano umowe z {}',
  'When was the agreement with {} signed?',
  'quanto dista {} da Siedlce?',
  'which schools work with {}',
  'co robia w {}',
];
/** Questions made from templates, for warming an engine up (and part of the corpus). */
const GENERATED = NAMES.flatMap((name) => TEMPLATES.map((template) => template.replace('{}', name)));

/** Real questions from the labelled sets, plus generated ones and noise, shuffled deterministically. */
function corpus(): string[] {
  const real = [
    ...labelledTexts('../tests/engine/eval-set.jsonl'),
    ...labelledTexts('../tests/engine/holdout-set.jsonl'),
  ];
  const noise = ['', '🙂🙂', 'x'.repeat(10_000), '<b>&</b> @everyone', 'مرحبا', 'asdfghjkl qwerty'];
  const all = [...real, ...GENERATED, ...noise];
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: QUESTIONS }, () => all[Math.floor(random() * all.length)] ?? '');
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function startupMs(): number {
  const script =
    "import('./src/bootstrap.ts').then(async ({ engineFromConfig }) => { const { loadConfig } = await import('./src/config.ts'); const engine = engineFromConfig(loadConfig()); process.stdout.write(engine.answer({ text: 'Kiedy podpisano umowę z Kirowem?' }).text); })";
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (!result.stdout.includes('30 czerwca 2008')) throw new Error(`start-up run failed: ${result.stderr}`);
  return elapsed;
}

const questions = corpus();
const engine = engineFromConfig(loadConfig({}));
// warm-up, as a long-running bot would be
for (const text of questions.slice(0, 2000)) engine.answer({ text });

const timings: number[] = [];
let conversation: Conversation | undefined;
const started = performance.now();
// CPU time is what the answers cost; wall time also counts the other processes of a busy machine
const cpuBefore = process.cpuUsage();
for (const [index, text] of questions.entries()) {
  const before = performance.now();
  const reply = engine.answer({ text, conversation: index % 5 === 0 ? undefined : conversation });
  timings.push(performance.now() - before);
  conversation = reply.conversation;
}
const totalMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMsPerAnswer = (cpu.user + cpu.system) / 1000 / QUESTIONS;
timings.sort((a, b) => a - b);

// The engine keeps texts it has understood: answers to texts it has never seen cost more. Each
// different text once, on a fresh engine made warm with other texts.
const fresh = engineFromConfig(loadConfig({}));
for (let round = 0; round < 40; round++) for (const text of GENERATED) fresh.answer({ text: `${text} ${round}` });
const firstTimes = [...new Set(questions)]
  .filter((text) => !GENERATED.includes(text))
  .map((text) => {
    const before = performance.now();
    fresh.answer({ text });
    return performance.now() - before;
  })
  .sort((a, b) => a - b);

const startups = [startupMs(), startupMs(), startupMs()].sort((a, b) => a - b);
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const rows = [
  ['questions', String(QUESTIONS)],
  ['p50 latency', `${percentile(timings, 50).toFixed(3)} ms`],
  ['p99 latency', `${percentile(timings, 99).toFixed(3)} ms`],
  ['max latency', `${(timings[timings.length - 1] ?? 0).toFixed(3)} ms`],
  [
    `p50 / p99, each of ${firstTimes.length} texts seen once`,
    `${percentile(firstTimes, 50).toFixed(3)} / ${percentile(firstTimes, 99).toFixed(3)} ms`,
  ],
  ['answers per second', String(Math.round((QUESTIONS / totalMs) * 1000))],
  ['CPU per answer (mean)', `${cpuMsPerAnswer.toFixed(3)} ms`],
  ['start-up to first answer (median of 3)', `${(startups[1] ?? 0).toFixed(0)} ms`],
  ['peak RSS', `${peakRssMb.toFixed(1)} MB`],
];
rows.push([
  'load average (1, 5, 15 min)',
  loadavg()
    .map((load) => load.toFixed(2))
    .join(', '),
]);
for (const [name, value] of rows) console.log(`${(name ?? '').padEnd(40)} ${value}`);
