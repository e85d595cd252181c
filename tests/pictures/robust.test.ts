import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAP_HEIGHT,
  MAP_WIDTH,
  type MapInput,
  pngSize,
  renderMapSvg,
  renderTimelinePng,
  renderTimelineSvg,
  svgToPng,
  TIMELINE_HEIGHT,
  TIMELINE_WIDTH,
  type TimelineInput,
} from '../../src/pictures/index.js';
import { elements, expectLaidOut, group, labelBoxes, textsOf, xmlText } from './support.js';

/** How a name reads in the SVG text: escaped, with its runs of spaces as one (as SVG shows them). */
function shown(name: string): string {
  return xmlText(name).replace(/\s+/g, ' ').trim();
}

const ISO = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2015-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const NAME = fc.string({ minLength: 1, maxLength: 22, unit: fc.constantFrom(...'abcdeńółżźąśęĆŁ <&>"\' -'.split('')) });

describe('timeline with crowded or odd data', () => {
  it('grows taller rather than overlapping when many agreements fall close together', () => {
    const input: TimelineInput = {
      title: 'Crowded',
      fromYear: 1993,
      toYear: 2008,
      items: Array.from({ length: 10 }, (_, index) => ({
        id: `p${index}`,
        name: `Partner number ${index}`,
        countryName: 'Country',
        date: `2001-03-${10 + index}`, // ten agreements in ten days
        dateText: `${index}`,
      })),
    };
    const svg = renderTimelineSvg(input);
    const height = Number(/<svg [^>]*height="(\d+)"/.exec(svg)?.[1]);
    expect(height).toBeGreaterThan(TIMELINE_HEIGHT);
    const boxes = labelBoxes(svg, 'item');
    expect(boxes).toHaveLength(10);
    expectLaidOut(boxes, { width: TIMELINE_WIDTH, height, top: 80 }); // below the title
    // Ten labels at one date cannot all have a straight stem clear of the others: the stems are drawn
    // first, so that one passes behind a label, never over its text.
    expect(svg.lastIndexOf('class="stem"')).toBeLessThan(svg.indexOf('<g class="item"'));
    const png = renderTimelinePng(input);
    expect(pngSize(png)).toEqual({ width: TIMELINE_WIDTH, height });
  });

  it('draws an empty timeline and one of a single agreement', () => {
    expect(pngSize(renderTimelinePng({ title: 'None', items: [], fromYear: 1993, toYear: 2008 }))).toEqual({
      width: TIMELINE_WIDTH,
      height: TIMELINE_HEIGHT,
    });
    const one = renderTimelineSvg({
      title: 'One',
      items: [{ id: 'kirov', name: 'Kirov', countryName: 'Russia', date: '2008-06-30', dateText: '30 June 2008' }],
    });
    expect(textsOf(group(one, 'item', 'kirov'))).toContain('Kirov');
    expect([...one.matchAll(/class="year"/g)]).toHaveLength(1);
  });

  it('any set of up to 7 agreements: every label inside the picture and apart, the SVG renders', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[a-z]{3,8}$/), name: NAME, date: ISO }), {
          minLength: 1,
          maxLength: 7,
          selector: (item) => item.id,
        }),
        (items) => {
          const input: TimelineInput = {
            title: 'Any',
            items: items.map((item) => ({ ...item, countryName: 'Land', dateText: item.date })),
          };
          const svg = renderTimelineSvg(input);
          const height = Number(/<svg [^>]*height="(\d+)"/.exec(svg)?.[1]);
          const boxes = labelBoxes(svg, 'item');
          expect(boxes).toHaveLength(items.length);
          expectLaidOut(boxes, { width: TIMELINE_WIDTH, height });
          for (const item of items) expect(textsOf(group(svg, 'item', item.id))).toContain(shown(item.name));
          expect(pngSize(svgToPng(svg))?.height).toBe(height);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('map with other places', () => {
  it('any partners across Europe: a marker inside the picture for each, a label with its name, the SVG renders', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            id: fc.stringMatching(/^[a-z]{3,8}$/),
            name: NAME,
            lat: fc.double({ min: 36, max: 66, noNaN: true }),
            lon: fc.double({ min: -10, max: 55, noNaN: true }),
            year: fc.integer({ min: 1950, max: 2030 }),
          }),
          { minLength: 1, maxLength: 8, selector: (partner) => partner.id },
        ),
        (partners) => {
          const input: MapInput = {
            title: 'Any',
            home: { name: 'Siedlce', lat: 52.165, lon: 22.271, country: 'PL' },
            partners: partners.map((partner) => ({ ...partner, countryName: 'Land' })),
          };
          const svg = renderMapSvg(input);
          for (const partner of partners) {
            const marker = elements(svg, 'circle', 'marker').find(
              (shape) => shape.attributes['data-id'] === partner.id,
            );
            const [x, y] = [Number(marker?.attributes.cx), Number(marker?.attributes.cy)];
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(MAP_WIDTH);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(MAP_HEIGHT);
            const label = textsOf(group(svg, 'label', partner.id));
            expect(label).toContain(shown(partner.name));
            expect(label).toContain(String(partner.year));
          }
          expect(pngSize(svgToPng(svg))).toEqual({ width: MAP_WIDTH, height: MAP_HEIGHT });
        },
      ),
      { numRuns: 12 },
    );
  });

  it('draws a map with a single partner, even one at the same place as home', () => {
    const svg = renderMapSvg({
      title: 'One',
      home: { name: 'Siedlce', lat: 52.165, lon: 22.271 },
      partners: [{ id: 'here', name: 'Here', countryName: 'Poland', year: 2000, lat: 52.165, lon: 22.271 }],
    });
    expect(textsOf(group(svg, 'label', 'here'))).toContain('Here 2000');
    expect(svg).not.toContain('NaN');
    expect(pngSize(svgToPng(svg))).toEqual({ width: MAP_WIDTH, height: MAP_HEIGHT });
  });
});
