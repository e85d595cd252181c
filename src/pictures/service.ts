import type { Dataset } from '../domain/schema.js';
import { createPictureCache, type PictureCache } from './cache.js';
import { mapInputFrom, timelineInputFrom } from './inputs.js';
import { renderMapSvg } from './map.js';
import { svgToPng } from './png.js';
import { renderTimelineSvg } from './timeline.js';
import type { Picture, PictureKey } from './types.js';

export interface PictureService {
  /** The PNG of a map or timeline in a language, one partner highlighted or none; cached. */
  picture(key: PictureKey): Picture;
  readonly cache: PictureCache;
}

export interface PictureServiceOptions {
  /** The dataset, read on every request (so a hot reload is seen); a new dataset empties the cache. */
  dataset: () => Dataset;
  /** The picture's title in the key's language, e.g. from engine.say(language, 'pictures.mapTitle'). */
  title: (key: PictureKey) => string;
  cache?: PictureCache;
}

/**
 * Everything between "the reply asks for a map" and the PNG bytes: inputs from the dataset and Intl,
 * rendering, caching. An unknown highlight id draws (and caches) the picture without a highlight.
 */
export function createPictureService(options: PictureServiceOptions): PictureService {
  const cache = options.cache ?? createPictureCache();
  let seen: Dataset | undefined;
  return {
    cache,
    picture(key) {
      const dataset = options.dataset();
      if (dataset !== seen) {
        cache.clear();
        seen = dataset;
      }
      const highlight = dataset.partners.some((partner) => partner.id === key.highlight) ? key.highlight : undefined;
      const normal: PictureKey = { kind: key.kind, language: key.language, highlight };
      return cache.get(normal, () => {
        const title = options.title(normal);
        const svg =
          normal.kind === 'map'
            ? renderMapSvg(mapInputFrom(dataset, normal.language, title, highlight))
            : renderTimelineSvg(timelineInputFrom(dataset, normal.language, title, highlight));
        return svgToPng(svg);
      });
    },
  };
}
