import { distance as editDistance } from 'fastest-levenshtein';
import type { Dataset } from '../domain/schema.js';
import { fold, tokenize } from './normalize.js';
import type { NearPlace, PlaceIndex, PlaceMatch } from './places/index.js';

export type { NearPlace, PlaceIndex, PlaceMatch } from './places/index.js';

/** The places listed in data/partners.json, as a PlaceIndex: what the engine knows without a gazetteer. */
export function datasetPlaceIndex(dataset: Dataset): PlaceIndex {
  const byFirst = new Map<string, { words: string[]; name: string; country: string }[]>();
  const single: { word: string; name: string; country: string }[] = [];
  for (const place of dataset.places) {
    const name = place.names.en ?? Object.values(place.names)[0] ?? '';
    for (const written of [...Object.values(place.names), ...place.aliases]) {
      const words = tokenize(fold(written));
      const [first] = words;
      if (!first) continue;
      const list = byFirst.get(first) ?? [];
      list.push({ words, name, country: place.country });
      byFirst.set(first, list);
      if (words.length === 1) single.push({ word: first, name, country: place.country });
    }
  }
  return {
    countryForms: () => new Map(),
    match(words, start) {
      let best: PlaceMatch | undefined;
      for (const entry of byFirst.get(words[start] ?? '') ?? []) {
        const fits = entry.words.every((word, offset) => words[start + offset] === word);
        if (fits && (!best || entry.words.length > best.length)) {
          best = { length: entry.words.length, name: entry.name, country: entry.country };
        }
      }
      return best;
    },
    nearest(word, maxDistance) {
      let best: NearPlace | undefined;
      for (const entry of single) {
        if (Math.abs(entry.word.length - word.length) > maxDistance) continue;
        const distance = editDistance(entry.word, word);
        if (distance <= maxDistance && (!best || distance < best.distance)) {
          best = { name: entry.name, country: entry.country, distance };
        }
      }
      return best;
    },
  };
}
