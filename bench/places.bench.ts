/**
 * Place index benchmark: what the gazetteer and the countries cost a fresh process (load, index,
 * first `nearest`, RSS and heap growth) and what one lookup costs once warm. Each cold run is its
 * own child process; the medians of five are printed. Run with `npx tsx bench/places.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../src/domain/load.js';
import { loadLocales } from '../src/domain/locales.js';
import { loadPlaces } from '../src/domain/places.js';
import { fold, tokenize } from '../src/engine/normalize.js';
import { buildPlaceIndex } from '../src/engine/places/index.js';

const RUNS = 5;
const MB = 1024 * 1024;

const SENTENCES = [
  'Is Kirovo-Chepetsk a partner of Siedlce?',
  'czy Berdsk to miasto partnerskie?',
  'pescasseroli e gemellata con Siedlce?',
  'a Wołomin? a może Monachium albo Lwów',
  'I am a teacher from Friedberg near Dasing, what does the partnership cover?',
  'Kiedy podpisano umowę z Dasing i jaki jest jej cel?',
  'quali sono le città partner in Ucraina e in Bielorussia?',
  'How far is Kirov from New York and from Mińsk Mazowiecki?',
].map((text) => tokenize(fold(text)));
const NEAR_WORDS = [
  'kirof',
  'pescaseroli',
  'berdichev',
  'sabinow',
  'dasingu',
  'wolominie',
  'partnerskie',
  'kirovochepetsk',
];

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function child(): void {
  const { languages } = loadLocales();
  const dataset = loadDataset(languages);
  gc();
  const before = process.memoryUsage();
  // CPU time, not wall time: on a shared machine waiting for a core is not the index's cost.
  const cpu = (): number => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const t0 = cpu();
  const data = loadPlaces({ languages, dataset });
  const t1 = cpu();
  const index = buildPlaceIndex(data);
  const t2 = cpu();
  for (const language of languages) index.countryForms(language);
  const t3 = cpu();
  index.nearest('kirof', 2);
  const t4 = cpu();
  gc();
  const after = process.memoryUsage();

  const perWord = (): number => {
    const start = performance.now();
    let words = 0;
    for (let round = 0; round < 2_000; round++) {
      for (const sentence of SENTENCES) {
        for (let at = 0; at < sentence.length; at++) index.match(sentence, at);
        words += sentence.length;
      }
    }
    return ((performance.now() - start) * 1000) / words;
  };
  perWord();
  const nearTimes: number[] = [];
  for (let round = 0; round < 200; round++) {
    for (const word of NEAR_WORDS) {
      const start = performance.now();
      index.nearest(word, 2);
      nearTimes.push((performance.now() - start) * 1000);
    }
  }
  nearTimes.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      loadCpuMs: t1 - t0,
      indexCpuMs: t2 - t1,
      countryFormsCpuMs: t3 - t2,
      firstNearestCpuMs: t4 - t3,
      rssMB: (after.rss - before.rss) / MB,
      heapMB: (after.heapUsed - before.heapUsed) / MB,
      matchMicrosPerWord: perWord(),
      nearestMicrosP50: nearTimes[Math.floor(nearTimes.length / 2)],
      nearestMicrosP99: nearTimes[Math.floor(nearTimes.length * 0.99)],
    }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

if (process.argv.includes('--child')) {
  child();
} else {
  const file = fileURLToPath(import.meta.url);
  const runs = Array.from({ length: RUNS }, () => {
    const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file, '--child'], {
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`benchmark child failed: ${result.stderr}`);
    return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
  });
  const keys = Object.keys(runs[0] ?? {});
  console.log(`place index, median of ${RUNS} fresh processes:`);
  for (const key of keys) console.log(`  ${key.padEnd(20)} ${median(runs.map((run) => run[key] ?? 0)).toFixed(2)}`);
}
