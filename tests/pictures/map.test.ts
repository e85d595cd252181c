import { geoConicConformal } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import {
  MAP_HEIGHT,
  MAP_WIDTH,
  type MapInput,
  mapInputFrom,
  mapProjection,
  missingGlyphs,
  renderMapSvg,
} from '../../src/pictures/index.js';
import { elements, expectLaidOut, group, LANGUAGES, labelBoxes, realDataset, textsOf, xmlText } from './support.js';

const TITLES = { pl: 'Miasta partnerskie Siedlec', it: 'Le città partner di Siedlce', en: 'Partner cities of Siedlce' };

function input(language: (typeof LANGUAGES)[number], highlight?: string): MapInput {
  return mapInputFrom(realDataset(), language, TITLES[language], highlight);
}

function marker(svg: string, id: string): { x: number; y: number; r: number; fill: string } {
  const found = elements(svg, 'circle', 'marker').find((shape) => shape.attributes['data-id'] === id);
  if (!found) throw new Error(`no marker for ${id}`);
  const { cx, cy, r, fill } = found.attributes;
  return { x: Number(cx), y: Number(cy), r: Number(r), fill: fill ?? '' };
}

describe('map SVG', () => {
  it.each(LANGUAGES)('labels every partner in %s: its name, the year and the country (Intl)', (language) => {
    const dataset = realDataset();
    const svg = renderMapSvg(input(language));
    const region = new Intl.DisplayNames([language], { type: 'region' });
    expect(dataset.partners).toHaveLength(7);
    for (const partner of dataset.partners) {
      const label = textsOf(group(svg, 'label', partner.id));
      const name = partner.names[language] ?? '';
      expect(name).not.toBe('');
      expect(label).toContain(xmlText(name));
      expect(label).toContain(partner.signed.slice(0, 4));
      expect(label).toContain(xmlText(region.of(partner.country) ?? 'missing'));
    }
    expect(textsOf(group(svg, 'label', 'home'))).toContain('Siedlce');
    expect(svg).toContain(xmlText(TITLES[language]));
  });

  it('writes Polish names with their diacritics, and the font has every glyph of every label', () => {
    const svg = renderMapSvg(input('pl'));
    for (const name of ['Wołkowysk', 'Berdyczów', 'Rejon Wileński', 'Białoruś', 'Słowacja', 'Włochy']) {
      expect(textsOf(svg)).toContain(name);
    }
    for (const language of LANGUAGES) {
      const text = textsOf(renderMapSvg(input(language)));
      expect(missingGlyphs(text, 'regular')).toEqual([]);
      expect(missingGlyphs(text, 'bold')).toEqual([]);
    }
    expect(missingGlyphs('Łódź ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ àèéìòù')).toEqual([]);
    expect(missingGlyphs('日本')).toEqual(['日', '本']); // the check can fail
  });

  it('puts a marker at each coordinate, where d3-geo projects it', () => {
    const map = input('en');
    const svg = renderMapSvg(map);
    const projection = mapProjection(map);
    // An independent d3-geo conformal conic with the same parameters.
    const d3 = geoConicConformal()
      .parallels(projection.parallels())
      .rotate(projection.rotate())
      .scale(projection.scale())
      .translate(projection.translate());
    for (const id of ['kirov', 'pescantina']) {
      const partner = map.partners.find((candidate) => candidate.id === id);
      if (!partner) throw new Error(id);
      const [x, y] = d3([partner.lon, partner.lat]) ?? [Number.NaN, Number.NaN];
      const drawn = marker(svg, id);
      expect(Math.abs(drawn.x - x)).toBeLessThan(0.06);
      expect(Math.abs(drawn.y - y)).toBeLessThan(0.06);
      const [lon, lat] = d3.invert?.([drawn.x, drawn.y]) ?? [Number.NaN, Number.NaN];
      expect(lon).toBeCloseTo(partner.lon, 2);
      expect(lat).toBeCloseTo(partner.lat, 2);
    }
    // Every place has a marker inside the picture, and the geography reads right.
    const home = marker(svg, 'home');
    for (const partner of map.partners) {
      const { x, y } = marker(svg, partner.id);
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(MAP_WIDTH);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(MAP_HEIGHT);
      expect(Math.sign(x - home.x)).toBe(Math.sign(partner.lon - map.home.lon));
    }
    const kirov = marker(svg, 'kirov');
    const pescantina = marker(svg, 'pescantina');
    expect(kirov.x).toBeGreaterThan(home.x); // east
    expect(kirov.y).toBeLessThan(home.y); // north
    expect(pescantina.x).toBeLessThan(home.x); // west
    expect(pescantina.y).toBeGreaterThan(home.y); // south
  });

  it('draws country shapes and a line from Siedlce to each partner', () => {
    const svg = renderMapSvg(input('en'));
    const countries = svg.slice(svg.indexOf('<g class="countries"'), svg.indexOf('<g class="routes"'));
    expect((countries.match(/<path /g) ?? []).length).toBeGreaterThan(30);
    const routes = elements(svg, 'path', 'route');
    expect(routes.map((route) => route.attributes['data-id']).sort()).toEqual(
      realDataset()
        .partners.map((partner) => partner.id)
        .sort(),
    );
    const home = marker(svg, 'home');
    for (const route of routes) {
      const start = /^M([\d.-]+),([\d.-]+)/.exec(route.attributes.d ?? '');
      expect(Number(start?.[1])).toBeCloseTo(home.x, 0);
      expect(Number(start?.[2])).toBeCloseTo(home.y, 0);
    }
  });

  it('keeps labels inside the picture and clear of each other and of the markers, whichever partner is highlighted', () => {
    const highlights = [undefined, ...realDataset().partners.map((partner) => partner.id)];
    for (const [language, highlight] of LANGUAGES.flatMap((language) =>
      highlights.map((id) => [language, id] as const),
    )) {
      const svg = renderMapSvg(input(language, highlight));
      const boxes = labelBoxes(svg, 'label');
      expect(boxes).toHaveLength(8);
      expectLaidOut(boxes, { width: MAP_WIDTH, height: MAP_HEIGHT }, language);
      for (const box of boxes) {
        for (const shape of elements(svg, 'circle', 'marker')) {
          const x = Number(shape.attributes.cx);
          const y = Number(shape.attributes.cy);
          const covered = x > box.x && x < box.x + box.w && y > box.y && y < box.y + box.h;
          expect(covered, `${language}: label ${box.id} covers marker ${shape.attributes['data-id']}`).toBe(false);
        }
      }
    }
  });

  it('highlights the partner asked about, and only that one', () => {
    const plain = renderMapSvg(input('en'));
    const fills = new Set(input('en').partners.map((partner) => marker(plain, partner.id).fill));
    expect(fills.size).toBe(1);

    const svg = renderMapSvg(input('en', 'berdychiv'));
    const chosen = marker(svg, 'berdychiv');
    for (const partner of input('en').partners.filter((candidate) => candidate.id !== 'berdychiv')) {
      const other = marker(svg, partner.id);
      expect(other.fill).not.toBe(chosen.fill);
      expect(other.r).toBeLessThan(chosen.r);
    }
    const route = elements(svg, 'path', 'route').find((shape) => shape.attributes['data-id'] === 'berdychiv');
    expect(route?.attributes.stroke).toBe(chosen.fill);
    expect(group(svg, 'label', 'berdychiv')).toContain(`stroke="${chosen.fill}"`);
    // An unknown id highlights nothing.
    expect(renderMapSvg(input('en', 'paris'))).toBe(plain);
  });

  it('escapes text so that any title or name keeps the SVG well-formed', () => {
    const map = input('en');
    map.title = 'Siedlce <&> "partners"';
    const first = map.partners[0];
    if (first) first.name = 'A & B <x>';
    const svg = renderMapSvg(map);
    expect(svg).toContain('Siedlce &#60;&#38;&#62; &#34;partners&#34;');
    expect(svg).toContain('A &#38; B &#60;x&#62;');
    expect(svg).not.toContain('<x>');
  });
});
