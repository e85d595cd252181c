/**
 * Render time of the pictures: `npx tsx bench/pictures.bench.ts [--preload]`.
 * Targets (issue 6): a cold map under 500 ms, a cached one under 1 ms.
 *   first map   — the very first request after start: reads the Natural Earth shapes and the font
 *   cold map    — a map not drawn yet (another language or highlight): projection, SVG, PNG
 *   cached map  — the same request again, served from the picture cache
 */
import { loadDataset } from '../src/domain/load.js';
import { loadLocales } from '../src/domain/locales.js';
import {
  createPictureCache,
  mapInputFrom,
  preloadPictures,
  renderMapPng,
  renderMapSvg,
  renderTimelinePng,
  svgToPng,
  timelineInputFrom,
} from '../src/pictures/index.js';

const locales = loadLocales();
const dataset = loadDataset(locales.languages);
const languages = ['pl', 'it', 'en'] as const;
const highlights = [undefined, ...dataset.partners.map((partner) => partner.id)];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.99)] ?? Number.NaN;
}

function ms(value: number): string {
  return value < 1 ? `${(value * 1000).toFixed(1)} µs` : `${value.toFixed(1)} ms`;
}

const cache = createPictureCache();
const preload = process.argv.includes('--preload');
let start = performance.now();
if (preload) preloadPictures(mapInputFrom(dataset, 'it', 'Mappa'));
const preloadTime = performance.now() - start;

start = performance.now();
cache.get({ kind: 'map', language: 'en' }, () =>
  renderMapPng(mapInputFrom(dataset, 'en', 'Partner cities of Siedlce')),
);
const first = performance.now() - start;

// Every other map the bot can draw, each one new to the cache.
const cold: number[] = [];
const svgTimes: number[] = [];
const pngTimes: number[] = [];
for (const language of languages) {
  for (const highlight of highlights) {
    if (language === 'en' && highlight === undefined) continue;
    start = performance.now();
    cache.get({ kind: 'map', language, highlight }, () => {
      const t0 = performance.now();
      const svg = renderMapSvg(mapInputFrom(dataset, language, 'Map', highlight));
      const t1 = performance.now();
      const png = svgToPng(svg);
      svgTimes.push(t1 - t0);
      pngTimes.push(performance.now() - t1);
      return png;
    });
    cold.push(performance.now() - start);
  }
}

const timeline: number[] = [];
for (const language of languages) {
  start = performance.now();
  cache.get({ kind: 'timeline', language }, () => renderTimelinePng(timelineInputFrom(dataset, language, 'Timeline')));
  timeline.push(performance.now() - start);
}

const cached: number[] = [];
let sink = 0;
for (let round = 0; round < 2_000; round++) {
  const language = languages[round % 3] ?? 'en';
  const highlight = highlights[round % highlights.length];
  start = performance.now();
  const picture = cache.get({ kind: 'map', language, highlight }, () => {
    throw new Error('cache miss');
  });
  cached.push(performance.now() - start);
  sink += picture.png.length;
}

const rows: [string, string, string][] = [
  ...(preload ? ([['preloadPictures() at start', ms(preloadTime), '']] as [string, string, string][]) : []),
  ['first map after start', ms(first), preload ? 'after preloadPictures()' : 'reads shapes + font, draws countries'],
  [`cold map, median of ${cold.length}`, ms(median(cold)), `max ${ms(Math.max(...cold))}`],
  ['  of which SVG', ms(median(svgTimes)), ''],
  ['  of which PNG (resvg)', ms(median(pngTimes)), ''],
  [`cold timeline, median of ${timeline.length}`, ms(median(timeline)), `max ${ms(Math.max(...timeline))}`],
  [
    `cached map, median of ${cached.length}`,
    ms(median(cached)),
    `p99 ${ms(p99(cached))}, max ${ms(Math.max(...cached))}`,
  ],
];
console.log('pictures: render time (target: cold map < 500 ms, cached < 1 ms)');
for (const [label, value, note] of rows) console.log(`  ${label.padEnd(34)} ${value.padStart(10)}  ${note}`);
const ok = first < 500 && median(cold) < 500 && median(cached) < 1;
console.log(
  `  ${ok ? 'within targets' : 'OVER TARGET'} (${cache.size} pictures cached, ${(sink / 2_000 / 1024).toFixed(0)} KiB each)`,
);
