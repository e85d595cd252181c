import { describe, expect, it, vi } from 'vitest';
import type { Dataset } from '../../src/domain/schema.js';
import { createPictureService, pngSize } from '../../src/pictures/index.js';
import { realDataset } from './support.js';

describe('picture service', () => {
  it('draws a map and a timeline from the dataset, in the language asked, each once', () => {
    const title = vi.fn((key: { kind: string; language: string }) => `${key.kind} ${key.language}`);
    const service = createPictureService({ dataset: realDataset, title });
    const map = service.picture({ kind: 'map', language: 'pl', highlight: 'kirov' });
    expect(map).toMatchObject({ kind: 'map', language: 'pl', highlight: 'kirov', width: 1200, height: 900 });
    expect(map.filename).toBe('map-pl-kirov.png');
    expect(pngSize(map.png)).toEqual({ width: 1200, height: 900 });
    expect(service.picture({ kind: 'map', language: 'pl', highlight: 'kirov' }).png).toBe(map.png);
    const timeline = service.picture({ kind: 'timeline', language: 'it' });
    expect(pngSize(timeline.png)).toEqual({ width: 1200, height: 500 });
    expect(title).toHaveBeenCalledTimes(2);
    expect(title).toHaveBeenCalledWith({ kind: 'timeline', language: 'it', highlight: undefined });
  });

  it('treats an unknown highlight as none, so it is drawn once', () => {
    const service = createPictureService({ dataset: realDataset, title: () => 'Map' });
    const plain = service.picture({ kind: 'map', language: 'en' });
    const paris = service.picture({ kind: 'map', language: 'en', highlight: 'paris' });
    expect(paris).toBe(plain);
    expect(paris.highlight).toBeUndefined();
    expect(service.cache.size).toBe(1);
  });

  it('starts afresh when the dataset is reloaded', () => {
    let dataset: Dataset = realDataset();
    const service = createPictureService({ dataset: () => dataset, title: () => 'Map' });
    const before = service.picture({ kind: 'timeline', language: 'en' });
    dataset = structuredClone(realDataset());
    const partner = dataset.partners.find((candidate) => candidate.id === 'kirov');
    if (partner) partner.signed = '2007-06-30';
    const after = service.picture({ kind: 'timeline', language: 'en' });
    expect(after.png.equals(before.png)).toBe(false);
    expect(service.cache.size).toBe(1);
  });
});
