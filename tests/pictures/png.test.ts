import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it, vi } from 'vitest';
import {
  createPictureCache,
  FONT_FAMILY,
  FONT_FILES,
  MAP_HEIGHT,
  MAP_WIDTH,
  mapInputFrom,
  pngSize,
  renderMapPng,
  renderMapSvg,
  renderTimelinePng,
  svgToPng,
  TIMELINE_HEIGHT,
  TIMELINE_WIDTH,
  timelineInputFrom,
} from '../../src/pictures/index.js';
import { decodePng, realDataset } from './support.js';

const FONT = {
  fontFiles: [FONT_FILES.regular, FONT_FILES.bold],
  loadSystemFonts: false,
  defaultFontFamily: FONT_FAMILY,
};

/** RGBA pixels of an SVG, rendered by resvg with the shipped font only. */
function pixels(svg: string): { data: Buffer; width: number; height: number } {
  const image = new Resvg(svg, { font: FONT }).render();
  return { data: image.pixels, width: image.width, height: image.height };
}

function colourCounts(data: Buffer): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < data.length; i += 4) {
    const colour = data.readUInt32BE(i);
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  return counts;
}

/** A character drawn large through the production path (svgToPng and its font settings). */
function glyph(text: string): Buffer {
  return svgToPng(
    `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><rect width="80" height="80" fill="#fff"/><text x="10" y="60" font-family="${FONT_FAMILY}" font-size="56">${text}</text></svg>`,
  );
}

describe('PNG', () => {
  it('the map is a PNG of 1200 × 900 that decodes', () => {
    const png = renderMapPng(mapInputFrom(realDataset(), 'pl', 'Mapa'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(pngSize(png)).toEqual({ width: MAP_WIDTH, height: MAP_HEIGHT });
    const decoded = decodePng(png);
    expect(decoded).toMatchObject({ width: 1200, height: 900 });
    const channels = { 6: 4, 2: 3 }[decoded.colorType] ?? 0;
    expect(channels).toBeGreaterThan(0);
    expect(decoded.raw.length).toBe(decoded.height * (1 + (decoded.width * channels * decoded.bitDepth) / 8));
  });

  it('the timeline is a PNG of 1200 × 500 that decodes', () => {
    const png = renderTimelinePng(timelineInputFrom(realDataset(), 'it', 'Cronologia'));
    expect(pngSize(png)).toEqual({ width: TIMELINE_WIDTH, height: TIMELINE_HEIGHT });
    expect(decodePng(png)).toMatchObject({ width: 1200, height: 500 });
    expect(pngSize(Buffer.from('not a png at all, not at all'))).toBeUndefined();
  });

  it('the map is not blank: sea, land, lines and text in many colours', () => {
    const { data, width, height } = pixels(renderMapSvg(mapInputFrom(realDataset(), 'en', 'Map')));
    expect([width, height]).toEqual([1200, 900]);
    const counts = colourCounts(data);
    const [background = 0] = [...counts.values()].sort((a, b) => b - a);
    expect(counts.size).toBeGreaterThan(200); // anti-aliased shapes and text
    expect(background / (width * height)).toBeLessThan(0.6); // no one colour covers most of it
    // The home marker's red is there.
    expect([...counts.keys()].some((colour) => colour >>> 8 === 0xc0392b)).toBe(true);
  });

  it('draws Polish letters with their own glyphs, not the missing-glyph box', () => {
    const missing = glyph('\uE000'); // a private-use character: no font has it
    for (const [plain, accented] of [
      ['l', 'ł'],
      ['o', 'ó'],
      ['L', 'Ł'],
      ['z', 'ź'],
      ['n', 'ń'],
    ] as const) {
      const drawn = glyph(accented);
      expect(drawn.equals(glyph(plain)), `${accented} looks like ${plain}`).toBe(false);
      expect(drawn.equals(missing), `${accented} is the missing glyph`).toBe(false);
      expect(drawn.equals(glyph(' ')), `${accented} draws nothing`).toBe(false);
    }
    // The same word with and without its diacritics renders differently.
    expect(glyph('Łódź').equals(glyph('Lodz'))).toBe(false);
  });

  it('svgToPng renders any SVG at its own size', () => {
    const png = svgToPng(
      '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20"/></svg>',
    );
    expect(pngSize(png)).toEqual({ width: 30, height: 20 });
  });
});

describe('picture cache', () => {
  it('renders a picture once per kind, language and highlight, then serves the same bytes', () => {
    const cache = createPictureCache();
    const render = vi.fn(() => Buffer.from('png'));
    const first = cache.get({ kind: 'map', language: 'en' }, render);
    const second = cache.get({ kind: 'map', language: 'en' }, render);
    expect(render).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
    expect(second.png).toBe(first.png);
    expect(first).toMatchObject({ kind: 'map', language: 'en', width: 1200, height: 900, filename: 'map-en.png' });

    cache.get({ kind: 'map', language: 'pl' }, render);
    cache.get({ kind: 'map', language: 'en', highlight: 'kirov' }, render);
    const timeline = cache.get({ kind: 'timeline', language: 'en' }, render);
    expect(render).toHaveBeenCalledTimes(4);
    expect(timeline).toMatchObject({ width: 1200, height: 500, filename: 'timeline-en.png' });
    expect(cache.get({ kind: 'map', language: 'en', highlight: 'kirov' }, render).filename).toBe('map-en-kirov.png');
    expect(cache.stats).toEqual({ hits: 2, misses: 4 });
    expect(cache.size).toBe(4);
  });

  it('drops the least recently used picture when full', () => {
    const cache = createPictureCache({ maxEntries: 2 });
    const render = vi.fn(() => Buffer.from('png'));
    cache.get({ kind: 'map', language: 'en' }, render);
    cache.get({ kind: 'map', language: 'pl' }, render);
    cache.get({ kind: 'map', language: 'en' }, render); // en is now the most recent
    cache.get({ kind: 'map', language: 'it' }, render); // pl goes
    expect(cache.has({ kind: 'map', language: 'en' })).toBe(true);
    expect(cache.has({ kind: 'map', language: 'pl' })).toBe(false);
    expect(cache.has({ kind: 'map', language: 'it' })).toBe(true);
    expect(cache.size).toBe(2);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('caches real renders: the second map costs no rendering', () => {
    const cache = createPictureCache();
    const render = vi.fn(() => renderMapPng(mapInputFrom(realDataset(), 'it', 'Mappa', 'pescantina')));
    const key = { kind: 'map', language: 'it', highlight: 'pescantina' } as const;
    const first = cache.get(key, render);
    expect(cache.get(key, render).png).toBe(first.png);
    expect(render).toHaveBeenCalledTimes(1);
    expect(pngSize(first.png)).toEqual({ width: 1200, height: 900 });
  });
});
