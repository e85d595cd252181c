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
import { renderMapSvg } from './map.js';
import { svgToPng } from './png.js';
import { renderTimelineSvg } from './timeline.js';
import type { MapInput, TimelineInput } from './types.js';

export { createPictureCache, type PictureCache, pictureFilename, pictureKey } from './cache.js';
export { FONT_FAMILY, FONT_FILES, missingGlyphs, textWidth } from './fonts.js';
export { mapInputFrom, timelineInputFrom } from './inputs.js';
export { MAP_HEIGHT, MAP_WIDTH, mapProjection, renderMapSvg } from './map.js';
export { pngSize, svgToPng } from './png.js';
export { renderTimelineSvg, TIMELINE_HEIGHT, TIMELINE_WIDTH, timelineScale } from './timeline.js';
export type * from './types.js';

export function renderMapPng(input: MapInput): Buffer {
  return svgToPng(renderMapSvg(input));
}

export function renderTimelinePng(input: TimelineInput): Buffer {
  return svgToPng(renderTimelineSvg(input));
}
