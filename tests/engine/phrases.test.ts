import { describe, expect, it } from 'vitest';
import { fold, tokenize } from '../../src/engine/normalize.js';
import { PhraseIndex } from '../../src/engine/phrases.js';

const words = (text: string) => tokenize(fold(text));

describe('PhraseIndex', () => {
  const index = new PhraseIndex<string>();
  index.add('kultur*', 'culture');
  index.add('wymiana młodzieży', 'youth');
  index.add('ue*', 'eu');

  it('matches a stem with any ending and a phrase of several words', () => {
    expect(index.findAll(words('o kulturze i wymiana mlodziezy')).map((hit) => hit.value)).toEqual([
      'culture',
      'youth',
    ]);
  });

  it('treats a stem shorter than three letters as a whole word', () => {
    expect(index.findAll(words('ue')).map((hit) => hit.value)).toEqual(['eu']);
    expect(index.findAll(words('uefa'))).toEqual([]);
  });

  it('reports where each hit starts and ends', () => {
    expect(index.findLongest(words('a wymiana młodzieży')).map(({ start, end }) => [start, end])).toEqual([[1, 3]]);
  });
});
