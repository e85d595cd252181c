/**
 * Renders the example pictures shown in the README: `npx tsx src/pictures/render-examples.ts [dir]`
 * writes map-en.png, map-pl.png, map-it.png, timeline-en.png and timeline-pl.png (default dir: docs/).
 * The titles here are examples; the bot's own come from locales/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../domain/load.js';
import { loadLocales } from '../domain/locales.js';
import { mapInputFrom, renderMapPng, renderTimelinePng, timelineInputFrom } from './index.js';

const dir = process.argv[2] ?? fileURLToPath(new URL('../../docs/', import.meta.url));
const dataset = loadDataset(loadLocales().languages);

const maps = {
  en: 'Partner cities of Siedlce',
  pl: 'Miasta partnerskie Siedlec',
  it: 'Le città partner di Siedlce',
} as const;
const timelines = {
  en: 'Partnership agreements of Siedlce, 1993–2008',
  pl: 'Umowy partnerskie Siedlec, 1993–2008',
} as const;

for (const [language, title] of Object.entries(maps)) {
  const file = join(dir, `map-${language}.png`);
  writeFileSync(file, renderMapPng(mapInputFrom(dataset, language, title)));
  console.log(file);
}
for (const [language, title] of Object.entries(timelines)) {
  const file = join(dir, `timeline-${language}.png`);
  writeFileSync(file, renderTimelinePng(timelineInputFrom(dataset, language, title)));
  console.log(file);
}
