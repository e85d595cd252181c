/**
 * Pictures of the partnerships, drawn offline: a map (Natural Earth shapes from world-atlas, d3-geo
 * projection) and a timeline, as SVG and then PNG (resvg, with the shipped Noto Sans font).
 * Pure functions of plain data: the engine decides what to draw and supplies every label in the
 * reply's language; adapters deliver the PNG.
 *
 *   const cache = createPictureCache();
 *   const picture = cache.get({ kind: 'map', language, highlight }, () => renderMapPng(input));
 *   picture.png // Buffer, 1200 × 900; picture.filename // "map-en-kirov.png"
 */
import { fontMetrics } from './fonts.js';
import { preloadMap, renderMapSvg } from './map.js';
import { svgToPng } from './png.js';
import { renderTimelineSvg } from './timeline.js';
import type { MapInput, TimelineInput } from './types.js';

export { createPictureCache, type PictureCache, pictureFilename, pictureKey } from './cache.js';
export { FONT_FAMILY, FONT_FILES, missingGlyphs, textWidth } from './fonts.js';
export { mapInputFrom, timelineInputFrom } from './inputs.js';
export { MAP_HEIGHT, MAP_WIDTH, mapProjection, renderMapSvg } from './map.js';
export { pngSize, svgToPng } from './png.js';
export { createPictureService, type PictureService, type PictureServiceOptions } from './service.js';
export { renderTimelineSvg, TIMELINE_HEIGHT, TIMELINE_WIDTH, timelineScale } from './timeline.js';
export type * from './types.js';

export function renderMapPng(input: MapInput): Buffer {
  return svgToPng(renderMapSvg(input));
}

export function renderTimelinePng(input: TimelineInput): Buffer {
  return svgToPng(renderTimelineSvg(input));
}

/**
 * Reads what every picture needs (Natural Earth shapes, font metrics) and warms the renderers, so
 * that the first picture a person asks for costs what any cold picture costs. Given a map input, also
 * draws its country layer, which every map of the same places then reuses. Call once at start; optional.
 */
export function preloadPictures(map?: MapInput): void {
  preloadMap();
  fontMetrics('regular');
  fontMetrics('bold');
  svgToPng(
    map ? renderMapSvg(map) : '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><text y="4">Ł</text></svg>',
  );
}
