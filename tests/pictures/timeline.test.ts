import { describe, expect, it } from 'vitest';
import {
  missingGlyphs,
  renderTimelineSvg,
  TIMELINE_HEIGHT,
  TIMELINE_WIDTH,
  type TimelineInput,
  timelineInputFrom,
} from '../../src/pictures/index.js';
import { elements, expectLaidOut, group, LANGUAGES, labelBoxes, realDataset, textsOf, xmlText } from './support.js';

function input(language: (typeof LANGUAGES)[number], highlight?: string): TimelineInput {
  return timelineInputFrom(realDataset(), language, `Timeline (${language})`, highlight);
}

function markerX(svg: string, id: string): number {
  const found = elements(svg, 'circle', 'marker').find((shape) => shape.attributes['data-id'] === id);
  if (!found) throw new Error(`no marker for ${id}`);
  return Number(found.attributes.cx);
}

describe('timeline SVG', () => {
  it('runs from 1993 to 2008, one labelled year after another', () => {
    const svg = renderTimelineSvg(input('en'));
    const years = [...svg.matchAll(/<text class="year"[^>]*>(\d{4})<\/text>/g)].map((match) => Number(match[1]));
    expect(years).toEqual(Array.from({ length: 16 }, (_, index) => 1993 + index));
  });

  it.each(LANGUAGES)('labels every agreement in %s: name, date as the language writes it, country', (language) => {
    const dataset = realDataset();
    const svg = renderTimelineSvg(input(language));
    const region = new Intl.DisplayNames([language], { type: 'region' });
    for (const partner of dataset.partners) {
      const text = textsOf(group(svg, 'item', partner.id));
      expect(text).toContain(xmlText(partner.names[language] ?? 'missing'));
      expect(text).toContain(xmlText(region.of(partner.country) ?? 'missing'));
      expect(text).toContain(partner.signed.slice(0, 4));
    }
    expect(missingGlyphs(textsOf(svg), 'bold')).toEqual([]);
  });

  it('writes the dates in the reply language', () => {
    expect(textsOf(group(renderTimelineSvg(input('pl')), 'item', 'pescantina'))).toContain('10 listopada 1993');
    expect(textsOf(group(renderTimelineSvg(input('it')), 'item', 'pescantina'))).toContain('10 novembre 1993');
    expect(textsOf(group(renderTimelineSvg(input('en')), 'item', 'pescantina'))).toContain('November 10, 1993');
    expect(textsOf(group(renderTimelineSvg(input('pl')), 'item', 'berdychiv'))).toContain('Berdyczów');
  });

  it('places each agreement by its date: in order, and proportionally to the time between', () => {
    const dataset = realDataset();
    const svg = renderTimelineSvg(input('en'));
    const byDate = [...dataset.partners].sort((a, b) => a.signed.localeCompare(b.signed));
    const xs = byDate.map((partner) => markerX(svg, partner.id));
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1] ?? 0);
    // Pixels per day is the same for every pair of agreements.
    const first = byDate[0];
    const last = byDate.at(-1);
    if (!first || !last) throw new Error('no partners');
    const day = 86_400_000;
    const rate =
      (markerX(svg, last.id) - markerX(svg, first.id)) / ((Date.parse(last.signed) - Date.parse(first.signed)) / day);
    for (const partner of byDate) {
      const expected = markerX(svg, first.id) + ((Date.parse(partner.signed) - Date.parse(first.signed)) / day) * rate;
      expect(Math.abs(markerX(svg, partner.id) - expected)).toBeLessThan(0.2);
    }
    expect(xs[0]).toBeGreaterThan(0);
    expect(xs.at(-1)).toBeLessThan(TIMELINE_WIDTH);
  });

  it('keeps the labels inside the picture and apart, stems clear, even for agreements weeks apart', () => {
    for (const language of LANGUAGES) {
      const svg = renderTimelineSvg(input(language));
      const boxes = labelBoxes(svg, 'item');
      expect(boxes).toHaveLength(7);
      expectLaidOut(boxes, { width: TIMELINE_WIDTH, height: TIMELINE_HEIGHT }, language);
      // Each stem runs from the axis to its own label, through no other label.
      for (const stem of elements(svg, 'line', 'stem')) {
        const x = Number(stem.attributes.x1);
        const [top = 0, bottom = 0] = [Number(stem.attributes.y1), Number(stem.attributes.y2)].sort((a, b) => a - b);
        const own = boxes.find((box) => box.id === stem.attributes['data-id']);
        expect(own && x >= own.x && x <= own.x + own.w).toBe(true);
        expect(own && (Math.abs(own.y - bottom) < 0.2 || Math.abs(own.y + own.h - top) < 0.2)).toBe(true);
        for (const box of boxes.filter((candidate) => candidate !== own)) {
          const crosses = x > box.x && x < box.x + box.w && top < box.y + box.h && bottom > box.y;
          expect(crosses, `${language}: stem of ${stem.attributes['data-id']} crosses ${box.id}`).toBe(false);
        }
      }
    }
  });

  it('highlights one agreement when asked', () => {
    const svg = renderTimelineSvg(input('en', 'kirov'));
    const fillOf = (id: string) =>
      elements(svg, 'circle', 'marker').find((shape) => shape.attributes['data-id'] === id)?.attributes.fill;
    expect(fillOf('kirov')).not.toBe(fillOf('dasing'));
    expect(fillOf('dasing')).toBe(fillOf('sabinov'));
  });
});
