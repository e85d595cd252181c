import { blockSize, escapeXml, type Line, overlaps, px, svgDocument, textBlock } from './svg.js';
import type { Box, TimelineInput, TimelineItem } from './types.js';

export const TIMELINE_WIDTH = 1200;
export const TIMELINE_HEIGHT = 500;

const COLORS = {
  background: '#ffffff',
  axis: '#1d2733',
  tick: '#8a94a3',
  grid: '#eef1f5',
  marker: '#2f6db5',
  highlight: '#d1495b',
  text: '#1d2733',
  muted: '#55606e',
  labelBackground: '#f5f8fc',
  labelBorder: '#c9ced6',
};

const MARGIN = { left: 60, right: 60 };
const AXIS_Y = 290;
const STEM = 40; // from the axis to the first row of labels
const ROW = 78; // between two rows of labels on one side
const PADDING = 6;
const BAND = 30; // height of the axis band

function timeOf(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** The axis: 1 January of the first year to 1 January after the last, mapped onto the picture's width. */
export function timelineScale(input: TimelineInput): { x: (iso: string) => number; fromYear: number; toYear: number } {
  const years = input.items.map((item) => Number(item.date.slice(0, 4)));
  const fromYear = input.fromYear ?? Math.min(...years);
  const toYear = input.toYear ?? Math.max(...years);
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const width = TIMELINE_WIDTH - MARGIN.left - MARGIN.right;
  return { x: (iso) => MARGIN.left + ((timeOf(iso) - start) / (end - start)) * width, fromYear, toYear };
}

/** The agreements on one time axis as an SVG document (1200 × 500); labels alternate above and below. */
export function renderTimelineSvg(input: TimelineInput): string {
  const scale = timelineScale(input);
  const items = [...input.items].sort((a, b) => timeOf(a.date) - timeOf(b.date));

  const titleLines: Line[] = [[{ text: input.title, size: 30, weight: 'bold' }]];
  const title = `<g class="title">${textBlock(titleLines, { x: MARGIN.left - 14, y: 18, ...blockSize(titleLines, 14) }, 14)}</g>`;

  // Years: a dark band across the picture, each year's number inside its own span, a faint column
  // above and below every other year.
  const ticks: string[] = [];
  const left = scale.x(`${scale.fromYear}-01-01`);
  const right = scale.x(`${scale.toYear + 1}-01-01`);
  const yearWidth = (right - left) / (scale.toYear + 1 - scale.fromYear);
  ticks.push(
    `<rect class="axis" x="${px(left)}" y="${AXIS_Y - BAND / 2}" width="${px(right - left)}" height="${BAND}" rx="4" fill="${COLORS.axis}"/>`,
  );
  for (let year = scale.fromYear; year <= scale.toYear; year++) {
    const x = scale.x(`${year}-01-01`);
    if ((year - scale.fromYear) % 2 === 0) {
      ticks.unshift(
        `<rect x="${px(x)}" y="92" width="${px(yearWidth)}" height="${TIMELINE_HEIGHT - 110}" fill="${COLORS.grid}"/>`,
      );
    }
    if (year > scale.fromYear) {
      ticks.push(
        `<line x1="${px(x)}" y1="${AXIS_Y - BAND / 2}" x2="${px(x)}" y2="${AXIS_Y + BAND / 2}" stroke="#ffffff" stroke-opacity="0.5"/>`,
      );
    }
    ticks.push(
      `<text class="year" x="${px(x + yearWidth / 2)}" y="${AXIS_Y + 5}" font-size="14" font-weight="700" fill="#ffffff" text-anchor="middle">${year}</text>`,
    );
  }

  // Labels: each item takes the first free slot, nearest rows first, above then below.
  const taken: Box[] = [];
  const frame = { left: 10, right: TIMELINE_WIDTH - 10 };
  const slots = [-1, 1, -2, 2, -3, 3];
  const drawn: string[] = [];
  for (const item of items) {
    const x = scale.x(item.date);
    const strong = item.id === input.highlight;
    const lines: Line[] = [
      [{ text: item.name, size: strong ? 19 : 17, weight: 'bold', fill: strong ? COLORS.highlight : COLORS.text }],
      [{ text: item.dateText, size: 14, fill: COLORS.text }],
      [{ text: item.countryName, size: 14, fill: COLORS.muted }],
    ];
    const size = blockSize(lines, PADDING);
    const boxAt = (slot: number): Box => {
      const left = Math.min(Math.max(x - size.width / 2, frame.left), frame.right - size.width);
      const row = Math.abs(slot) - 1;
      const y = slot < 0 ? AXIS_Y - STEM - row * ROW - size.height : AXIS_Y + STEM + row * ROW;
      return { x: left, y, ...size };
    };
    const slot = slots.find((candidate) => !taken.some((box) => overlaps(boxAt(candidate), box, 6))) ?? -1;
    const box = boxAt(slot);
    taken.push(box);
    drawn.push(itemSvg(item, x, box, slot < 0, lines, strong));
  }

  const body = `${ticks.join('')}${drawn.join('')}${title}`;
  return svgDocument(TIMELINE_WIDTH, TIMELINE_HEIGHT, body, COLORS.background);
}

function itemSvg(item: TimelineItem, x: number, box: Box, above: boolean, lines: Line[], strong: boolean): string {
  const color = strong ? COLORS.highlight : COLORS.marker;
  const stemEnd = above ? box.y + box.height : box.y;
  const edge = above ? AXIS_Y - BAND / 2 : AXIS_Y + BAND / 2;
  return (
    `<g class="item" data-id="${escapeXml(item.id)}" data-date="${escapeXml(item.date)}">` +
    `<line x1="${px(x)}" y1="${edge}" x2="${px(x)}" y2="${px(stemEnd)}" stroke="${color}" stroke-width="${strong ? 2.5 : 1.5}"/>` +
    `<rect x="${px(box.x)}" y="${px(box.y)}" width="${px(box.width)}" height="${px(box.height)}" rx="5" fill="${COLORS.labelBackground}" stroke="${strong ? COLORS.highlight : COLORS.labelBorder}" stroke-width="${strong ? 2 : 1}"/>` +
    textBlock(lines, box, PADDING) +
    `<circle class="marker" data-id="${escapeXml(item.id)}" cx="${px(x)}" cy="${edge}" r="${strong ? 9 : 7}" fill="${color}" stroke="#ffffff" stroke-width="2.5"/>` +
    '</g>'
  );
}
