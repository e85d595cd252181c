import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type GeoConicProjection, type GeoProjection, geoConicConformal, geoInterpolate, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, MultiPoint } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { blockSize, contains, escapeXml, inside, type Line, overlaps, px, svgDocument, textBlock } from './svg.js';
import type { Box, MapInput, MapPartner } from './types.js';

export const MAP_WIDTH = 1200;
export const MAP_HEIGHT = 900;

const COLORS = {
  sea: '#d3e5f2',
  land: '#f4f2eb',
  homeCountry: '#f7d8c3',
  partnerCountry: '#e9e2cc',
  border: '#b9b2a3',
  line: '#2f6db5',
  lineFaint: '#8aa6c6',
  marker: '#1f4e8c',
  home: '#c0392b',
  highlight: '#d1495b',
  text: '#1d2733',
  muted: '#55606e',
  year: '#2f6db5',
  labelBackground: '#ffffff',
  labelBorder: '#c9ced6',
};

/** ISO 3166 alpha-2 → numeric (the ids of Natural Earth shapes in world-atlas), for Europe and its neighbours. */
const NUMERIC: Record<string, string> = Object.fromEntries(
  (
    'AL008 AD020 AM051 AT040 AZ031 BY112 BE056 BA070 BG100 HR191 CY196 CZ203 DK208 EE233 FI246 FR250 GE268 DE276 ' +
    'GR300 HU348 IS352 IE372 IT380 KZ398 LV428 LI438 LT440 LU442 MT470 MD498 MC492 ME499 NL528 MK807 NO578 PL616 ' +
    'PT620 RO642 RU643 SM674 RS688 SK703 SI705 ES724 SE752 CH756 TR792 UA804 GB826 JP392'
  )
    .split(' ')
    .map((entry) => [entry.slice(0, 2), entry.slice(2)]),
);

interface Country {
  id: string;
  feature: Feature<Geometry>;
  bounds: [[number, number], [number, number]];
}

let countries: Country[] | undefined;

/**
 * The smallest longitude/latitude box around a shape's points, read as plain numbers: ten times
 * faster than the spherical geoBounds, and enough to pick the shapes near the map (a shape that
 * crosses the antimeridian spans -180..180 and is always kept).
 */
function lonLatBox(geometry: Geometry): [[number, number], [number, number]] {
  const box: [[number, number], [number, number]] = [
    [180, 90],
    [-180, -90],
  ];
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [lon, lat] = value as number[];
      if (lon === undefined || lat === undefined) return;
      box[0][0] = Math.min(box[0][0], lon);
      box[0][1] = Math.min(box[0][1], lat);
      box[1][0] = Math.max(box[1][0], lon);
      box[1][1] = Math.max(box[1][1], lat);
      return;
    }
    for (const item of value) visit(item);
  };
  if (geometry.type === 'GeometryCollection') {
    for (const part of geometry.geometries) {
      const [min, max] = lonLatBox(part);
      box[0] = [Math.min(box[0][0], min[0]), Math.min(box[0][1], min[1])];
      box[1] = [Math.max(box[1][0], max[0]), Math.max(box[1][1], max[1])];
    }
  } else {
    visit(geometry.coordinates);
  }
  return box;
}

/** Reads the country shapes and the font metrics now, so that the first picture a person asks for is quick. */
export function preloadMap(): void {
  loadCountries();
}

/** Natural Earth 1:50m country shapes, from the world-atlas package (read once, no network). */
function loadCountries(): Country[] {
  if (!countries) {
    const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
    const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection }>;
    const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
    countries = collection.features.map((shape) => ({
      id: String(shape.id ?? ''),
      feature: shape,
      bounds: lonLatBox(shape.geometry),
    }));
  }
  return countries;
}

/** Margins of the map frame around the places, in pixels: room for the labels and the title. */
const FRAME = { left: 140, right: 150, top: 160, bottom: 90 };

/**
 * The projection of a map: conformal conic (true shapes, the usual choice for Europe), centred on the
 * places' mean longitude and fitted so that Siedlce and every partner lie inside the frame.
 */
export function mapProjection(input: Pick<MapInput, 'home' | 'partners'>): GeoConicProjection {
  const places = [input.home, ...input.partners];
  const lons = places.map((place) => place.lon);
  const lats = places.map((place) => place.lat);
  const centre = (Math.min(...lons) + Math.max(...lons)) / 2;
  const middle = (Math.min(...lats) + Math.max(...lats)) / 2;
  // At least 8° of longitude and 5° of latitude, so that places close together (or one place) still
  // make a map of a region rather than of a street.
  const west = Math.min(Math.min(...lons), centre - 4);
  const east = Math.max(Math.max(...lons), centre + 4);
  const south = Math.min(Math.min(...lats), middle - 2.5);
  const north = Math.max(Math.max(...lats), middle + 2.5);
  const small =
    east - west > Math.max(...lons) - Math.min(...lons) || north - south > Math.max(...lats) - Math.min(...lats);
  const points: MultiPoint = {
    type: 'MultiPoint',
    coordinates: [
      ...places.map((place) => [place.lon, place.lat]),
      ...(small
        ? [
            [west, south],
            [east, north],
            [west, north],
            [east, south],
          ]
        : []),
    ],
  };
  return geoConicConformal()
    .rotate([-centre, 0])
    .parallels([south + (north - south) / 6, north - (north - south) / 6])
    .fitExtent(
      [
        [FRAME.left, FRAME.top],
        [MAP_WIDTH - FRAME.right, MAP_HEIGHT - FRAME.bottom],
      ],
      points,
    )
    .clipExtent([
      [0, 0],
      [MAP_WIDTH, MAP_HEIGHT],
    ]);
}

function project(projection: GeoProjection, lon: number, lat: number): [number, number] {
  const point = projection([lon, lat]);
  if (!point) throw new Error(`cannot project ${lat}, ${lon}`);
  return point;
}

/** Points along the great circle from a to b, projected: what the drawn line covers. */
function routePoints(projection: GeoProjection, from: MapInput['home'], to: MapPartner) {
  const between = geoInterpolate([from.lon, from.lat], [to.lon, to.lat]);
  const [x0, y0] = project(projection, from.lon, from.lat);
  const [x1, y1] = project(projection, to.lon, to.lat);
  const steps = Math.max(10, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 3)); // a point every ~3 px
  const points: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const point = projection(between(i / steps));
    if (point) points.push(point);
  }
  return points;
}

interface Placed {
  box: Box;
  lines: Line[];
}

const LABEL_PADDING = 6;
const GAP = 9; // between a marker and its label

/**
 * Where a label goes: of eight spots around its marker, the one that leaves the picture least
 * cluttered — never over another label, marker or the title, preferably over no line and on the
 * side facing away from Siedlce (where its own line is not).
 */
function placeLabel(
  anchor: [number, number],
  size: { width: number; height: number },
  away: [number, number],
  taken: Box[],
  markers: [number, number][],
  routes: [number, number][][],
  frame: Box,
): Box {
  const [x, y] = anchor;
  const { width, height } = size;
  const candidates: { box: Box; direction: [number, number] }[] = [
    { box: { x: x + GAP, y: y - height / 2, width, height }, direction: [1, 0] },
    { box: { x: x - GAP - width, y: y - height / 2, width, height }, direction: [-1, 0] },
    { box: { x: x - width / 2, y: y - GAP - height, width, height }, direction: [0, -1] },
    { box: { x: x - width / 2, y: y + GAP, width, height }, direction: [0, 1] },
    { box: { x: x + GAP * 0.7, y: y - GAP * 0.7 - height, width, height }, direction: [0.7, -0.7] },
    { box: { x: x + GAP * 0.7, y: y + GAP * 0.7, width, height }, direction: [0.7, 0.7] },
    { box: { x: x - GAP * 0.7 - width, y: y - GAP * 0.7 - height, width, height }, direction: [-0.7, -0.7] },
    { box: { x: x - GAP * 0.7 - width, y: y + GAP * 0.7, width, height }, direction: [-0.7, 0.7] },
  ];
  let best: { box: Box; score: number } | undefined;
  for (const { box, direction } of candidates) {
    let score = 0;
    if (!inside(box, frame)) score += 10_000;
    for (const other of taken) if (overlaps(box, other, 4)) score += 1_000;
    for (const marker of markers) {
      if (marker !== anchor && contains({ x: box.x - 8, y: box.y - 8, width: width + 16, height: height + 16 }, marker))
        score += 500;
    }
    for (const route of routes) score += route.filter((point) => contains(box, point)).length * 25;
    score -= (direction[0] * away[0] + direction[1] * away[1]) * 20;
    if (!best || score < best.score) best = { box, score };
  }
  return (best as { box: Box }).box;
}

let lastLayer: { key: string; svg: string } | undefined;

/**
 * The country shapes of a map, as SVG paths. They depend only on where the places are (the
 * projection) and which countries they are in, not on the language or the highlight, so the last
 * layer is kept: every map after the first costs no path of Natural Earth.
 */
function countryLayer(input: MapInput, projection: GeoProjection): string {
  const key = JSON.stringify([
    projection.rotate(),
    projection.scale(),
    projection.translate(),
    input.home.country,
    input.partners.map((partner) => partner.country),
  ]);
  if (lastLayer?.key === key) return lastLayer.svg;
  // Natural Earth 1:50m points lie a few pixels apart at this scale: no need to resample the edges
  // between them (precision 0), which makes the shapes about ten times quicker to draw.
  const precision = projection.precision();
  projection.precision(0);
  const path = geoPath(projection).digits(1);
  // Only the countries whose box can reach the frame (Europe and its neighbours).
  const view = [projection.invert?.([0, 0]), projection.invert?.([MAP_WIDTH, MAP_HEIGHT])];
  const west = Math.min(...view.map((point) => point?.[0] ?? -40)) - 25;
  const east = Math.max(...view.map((point) => point?.[0] ?? 90)) + 25;
  const homeId = input.home.country ? NUMERIC[input.home.country] : undefined;
  const partnerIds = new Set(input.partners.flatMap((partner) => (partner.country ? [NUMERIC[partner.country]] : [])));
  const shapes: string[] = [];
  for (const country of loadCountries()) {
    const [[minLon, minLat], [maxLon, maxLat]] = country.bounds;
    if (maxLon < west || minLon > east || maxLat < 20 || minLat < -60) continue;
    const d = path(country.feature);
    if (!d) continue;
    const fill =
      country.id === homeId ? COLORS.homeCountry : partnerIds.has(country.id) ? COLORS.partnerCountry : COLORS.land;
    shapes.push(`<path d="${d}" fill="${fill}"/>`);
  }
  projection.precision(precision);
  lastLayer = { key, svg: shapes.join('') };
  return lastLayer.svg;
}

/** The map of the partnerships as an SVG document (1200 × 900). */
export function renderMapSvg(input: MapInput): string {
  const projection = mapProjection(input);
  const path = geoPath(projection).digits(1);
  const highlighted = input.partners.find((partner) => partner.id === input.highlight)?.id;

  const shapes = countryLayer(input, projection);

  const home = project(projection, input.home.lon, input.home.lat);
  const positions = new Map(
    input.partners.map((partner) => [partner.id, project(projection, partner.lon, partner.lat)]),
  );
  const routes = input.partners.map((partner) => routePoints(projection, input.home, partner));

  const lines = input.partners.map((partner) => {
    const strong = highlighted === undefined || partner.id === highlighted;
    const color = partner.id === highlighted ? COLORS.highlight : strong ? COLORS.line : COLORS.lineFaint;
    const width = partner.id === highlighted ? 4 : strong ? 2.4 : 1.6;
    const d = path({
      type: 'LineString',
      coordinates: [
        [input.home.lon, input.home.lat],
        [partner.lon, partner.lat],
      ],
    });
    return `<path class="route" data-id="${escapeXml(partner.id)}" d="${d}" fill="none" stroke="${color}" stroke-width="${width}" stroke-linecap="round" stroke-opacity="0.85"/>`;
  });

  // Title box, top left.
  const titleLines: Line[] = [[{ text: input.title, size: 30, weight: 'bold' }]];
  const titleSize = blockSize(titleLines, 14);
  const titleBox: Box = { x: 24, y: 24, ...titleSize };

  const frame: Box = { x: 8, y: 8, width: MAP_WIDTH - 16, height: MAP_HEIGHT - 16 };
  const markerPoints = [home, ...positions.values()];
  const taken: Box[] = [titleBox];
  const labels: string[] = [];

  const homeLines: Line[] = [[{ text: input.home.name, size: 22, weight: 'bold', fill: COLORS.home }]];
  const homeBox = placeLabel(home, blockSize(homeLines, LABEL_PADDING), [0, 0], taken, markerPoints, routes, frame);
  taken.push(homeBox);
  const placed: { partner: MapPartner; label: Placed }[] = [];
  // The highlighted partner first (its label gets the best spot), then from nearest Siedlce outwards,
  // where the crowd is.
  const order = [...input.partners].sort((a, b) => {
    if (a.id === highlighted) return -1;
    if (b.id === highlighted) return 1;
    const pa = positions.get(a.id) ?? home;
    const pb = positions.get(b.id) ?? home;
    return Math.hypot(pa[0] - home[0], pa[1] - home[1]) - Math.hypot(pb[0] - home[0], pb[1] - home[1]);
  });
  for (const partner of order) {
    const at = positions.get(partner.id) ?? home;
    const strong = partner.id === highlighted;
    const lines: Line[] = [
      [
        { text: partner.name, size: strong ? 21 : 18, weight: 'bold', fill: strong ? COLORS.highlight : COLORS.text },
        { text: String(partner.year), size: strong ? 19 : 16, weight: 'bold', fill: COLORS.year },
      ],
      [{ text: partner.countryName, size: 14, fill: COLORS.muted }],
    ];
    const distance = Math.hypot(at[0] - home[0], at[1] - home[1]) || 1;
    const away: [number, number] = [(at[0] - home[0]) / distance, (at[1] - home[1]) / distance];
    const box = placeLabel(at, blockSize(lines, LABEL_PADDING), away, taken, markerPoints, routes, frame);
    taken.push(box);
    placed.push({ partner, label: { box, lines } });
  }
  for (const { partner, label } of placed) {
    const strong = partner.id === highlighted;
    const faint = highlighted !== undefined && !strong;
    labels.push(
      `<g class="label" data-id="${escapeXml(partner.id)}"${faint ? ' opacity="0.8"' : ''}>` +
        `<rect x="${px(label.box.x)}" y="${px(label.box.y)}" width="${px(label.box.width)}" height="${px(label.box.height)}" rx="5" fill="${COLORS.labelBackground}" fill-opacity="0.9" stroke="${strong ? COLORS.highlight : COLORS.labelBorder}" stroke-width="${strong ? 2 : 1}"/>` +
        `${textBlock(label.lines, label.box, LABEL_PADDING)}</g>`,
    );
  }
  labels.push(
    `<g class="label" data-id="home"><rect x="${px(homeBox.x)}" y="${px(homeBox.y)}" width="${px(homeBox.width)}" height="${px(homeBox.height)}" rx="5" fill="${COLORS.labelBackground}" fill-opacity="0.9" stroke="${COLORS.home}"/>` +
      `${textBlock(homeLines, homeBox, LABEL_PADDING)}</g>`,
  );

  const markers = input.partners.map((partner) => {
    const [x, y] = positions.get(partner.id) ?? home;
    const strong = partner.id === highlighted;
    const radius = strong ? 10 : 7;
    const fill = strong ? COLORS.highlight : COLORS.marker;
    return `<circle class="marker" data-id="${escapeXml(partner.id)}" cx="${px(x)}" cy="${px(y)}" r="${radius}" fill="${fill}" stroke="#ffffff" stroke-width="2.5"/>`;
  });
  const homeMarker =
    `<circle class="marker" data-id="home" cx="${px(home[0])}" cy="${px(home[1])}" r="11" fill="#ffffff" stroke="${COLORS.home}" stroke-width="4"/>` +
    `<circle cx="${px(home[0])}" cy="${px(home[1])}" r="4.5" fill="${COLORS.home}"/>`;

  const title =
    `<g class="title"><rect x="${px(titleBox.x)}" y="${px(titleBox.y)}" width="${px(titleBox.width)}" height="${px(titleBox.height)}" rx="8" fill="#ffffff" fill-opacity="0.92" stroke="${COLORS.labelBorder}"/>` +
    `${textBlock(titleLines, titleBox, 14)}</g>`;
  const credit = `<text x="${MAP_WIDTH - 14}" y="${MAP_HEIGHT - 14}" font-size="13" fill="${COLORS.muted}" text-anchor="end">${escapeXml(input.credit ?? 'Natural Earth')}</text>`;

  return svgDocument(
    MAP_WIDTH,
    MAP_HEIGHT,
    `<g class="countries" stroke="${COLORS.border}" stroke-width="0.8" stroke-linejoin="round">${shapes}</g>` +
      `<g class="routes">${lines.join('')}</g>` +
      `<g class="markers">${markers.join('')}${homeMarker}</g>` +
      `<g class="labels">${labels.join('')}</g>${title}${credit}`,
    COLORS.sea,
    input.title,
  );
}
