import { MAP_HEIGHT, MAP_WIDTH } from './map.js';
import { pngSize } from './png.js';
import { TIMELINE_HEIGHT, TIMELINE_WIDTH } from './timeline.js';
import type { Picture, PictureKey } from './types.js';

export interface PictureCache {
  /**
   * The picture of a key: rendered by `render` on the first request, then the same bytes for free.
   * What is drawn must depend on the key alone (kind, language, highlighted partner).
   */
  get(key: PictureKey, render: () => Buffer): Picture;
  has(key: PictureKey): boolean;
  readonly size: number;
  readonly stats: { hits: number; misses: number };
  clear(): void;
}

export function pictureKey(key: PictureKey): string {
  return `${key.kind}:${key.language}:${key.highlight ?? ''}`;
}

/** A file name for an attachment: "map-en.png", "timeline-pl-kirov.png". */
export function pictureFilename(key: PictureKey): string {
  const highlight = key.highlight ? `-${key.highlight.replace(/[^a-z0-9-]/gi, '')}` : '';
  return `${key.kind}-${key.language}${highlight}.png`;
}

/**
 * Rendered pictures kept in memory, least recently used dropped first. The default room (64) holds
 * every picture the bot can draw: 2 kinds × 3 languages × (no highlight + 7 partners) = 48.
 */
export function createPictureCache(options: { maxEntries?: number } = {}): PictureCache {
  const maxEntries = Math.max(1, options.maxEntries ?? 64);
  const entries = new Map<string, Picture>();
  const stats = { hits: 0, misses: 0 };
  return {
    get(key, render) {
      const id = pictureKey(key);
      const found = entries.get(id);
      if (found) {
        stats.hits++;
        entries.delete(id); // re-insert: most recently used last
        entries.set(id, found);
        return found;
      }
      stats.misses++;
      const png = render();
      const size =
        pngSize(png) ?? // the PNG's own size; the usual one for a test double
        (key.kind === 'map'
          ? { width: MAP_WIDTH, height: MAP_HEIGHT }
          : { width: TIMELINE_WIDTH, height: TIMELINE_HEIGHT });
      const picture: Picture = {
        kind: key.kind,
        language: key.language,
        highlight: key.highlight,
        png,
        ...size,
        filename: pictureFilename(key),
      };
      entries.set(id, picture);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return picture;
    },
    has: (key) => entries.has(pictureKey(key)),
    get size() {
      return entries.size;
    },
    stats,
    clear() {
      entries.clear();
    },
  };
}
