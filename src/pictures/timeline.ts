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
const AXIS_Y = 290; // where the axis is when two rows of labels on each side are enough
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
  const now = new Date().getUTCFullYear();
  const fromYear = input.fromYear ?? (years.length > 0 ? Math.min(...years) : now);
  const toYear = Math.max(fromYear, input.toYear ?? (years.length > 0 ? Math.max(...years) : now));
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const width = TIMELINE_WIDTH - MARGIN.left - MARGIN.right;
  return { x: (iso) => MARGIN.left + ((timeOf(iso) - start) / (end - start)) * width, fromYear, toYear };
}

interface Placed {
  item: TimelineItem;
  x: number;
  lines: Line[];
  /** Box relative to the axis (y = 0 on the axis). */
  box: Box;
  above: boolean;
  strong: boolean;
}

/**
 * Labels: each item, in date order, takes the first free slot, nearest rows first, above then below.
 * A slot is free when its box overlaps no other box, its stem crosses no other box and no other stem
 * crosses it; when none is, the first slot whose box overlaps nothing. Positions are relative to
 * the axis, which the caller then places.
 */
function layoutLabels(input: TimelineInput, x: (iso: string) => number): Placed[] {
  const items = [...input.items].sort((a, b) => timeOf(a.date) - timeOf(b.date));
  const frame = { left: 10, right: TIMELINE_WIDTH - 10 };
  const slots = items.flatMap((_, index) => [-(index + 1), index + 1]);
  const placed: Placed[] = [];
  const stemOf = (at: number, box: Box, above: boolean): Box => {
    const from = above ? -BAND / 2 : BAND / 2;
    const to = above ? box.y + box.height : box.y;
    return { x: at - 1, y: Math.min(from, to), width: 2, height: Math.abs(to - from) };
  };
  for (const item of items) {
    const at = x(item.date);
    const strong = item.id === input.highlight;
    const lines: Line[] = [
      [{ text: item.name, size: strong ? 19 : 17, weight: 'bold', fill: strong ? COLORS.highlight : COLORS.text }],
      [{ text: item.dateText, size: 14, fill: COLORS.text }],
      [{ text: item.countryName, size: 14, fill: COLORS.muted }],
    ];
    const size = blockSize(lines, PADDING);
    const boxAt = (slot: number): Box => {
      const left = Math.min(Math.max(at - size.width / 2, frame.left), frame.right - size.width);
      const row = Math.abs(slot) - 1;
      const y = slot < 0 ? -STEM - row * ROW - size.height : STEM + row * ROW;
      return { x: left, y, ...size };
    };
    const clearOfBoxes = (slot: number) => !placed.some((other) => overlaps(boxAt(slot), other.box, 6));
    const clearOfStems = (slot: number) => {
      const box = boxAt(slot);
      const stem = stemOf(at, box, slot < 0);
      return !placed.some(
        (other) => overlaps(stem, other.box) || overlaps(box, stemOf(other.x, other.box, other.above), 4),
      );
    };
    const slot =
      slots.find((candidate) => clearOfBoxes(candidate) && clearOfStems(candidate)) ?? slots.find(clearOfBoxes) ?? -1;
    placed.push({ item, x: at, lines, box: boxAt(slot), above: slot < 0, strong });
  }
  return placed;
}

const TOP = 92; // below the title
const BOTTOM = 18;

/**
 * The agreements on one time axis as an SVG document: 1200 × 500 when two rows of labels on each
 * side are enough (as for the seven partners), taller when crowded dates need more rows.
 */
export function renderTimelineSvg(input: TimelineInput): string {
  const scale = timelineScale(input);
  const placed = layoutLabels(input, scale.x);
  // Where the axis goes: the labels above it must clear the title, and those below the bottom.
  const highest = Math.min(-STEM - ROW - 64, ...placed.map((label) => label.box.y));
  const lowest = Math.max(STEM + ROW + 64, ...placed.map((label) => label.box.y + label.box.height));
  const axisY = Math.max(AXIS_Y, TOP + 6 - highest);
  const height = Math.max(TIMELINE_HEIGHT, Math.ceil(axisY + lowest + BOTTOM + 8));

  const titleLines: Line[] = [[{ text: input.title, size: 30, weight: 'bold' }]];
  const title = `<g class="title">${textBlock(titleLines, { x: MARGIN.left - 14, y: 18, ...blockSize(titleLines, 14) }, 14)}</g>`;

  // Years: a dark band across the picture, each year's number inside its own span, a faint column
  // above and below every other year.
  const ticks: string[] = [];
  const left = scale.x(`${scale.fromYear}-01-01`);
  const right = scale.x(`${scale.toYear + 1}-01-01`);
  const yearWidth = (right - left) / (scale.toYear + 1 - scale.fromYear);
  ticks.push(
    `<rect class="axis" x="${px(left)}" y="${axisY - BAND / 2}" width="${px(right - left)}" height="${BAND}" rx="4" fill="${COLORS.axis}"/>`,
  );
  for (let year = scale.fromYear; year <= scale.toYear; year++) {
    const x = scale.x(`${year}-01-01`);
    if ((year - scale.fromYear) % 2 === 0) {
      ticks.unshift(
        `<rect x="${px(x)}" y="${TOP}" width="${px(yearWidth)}" height="${height - TOP - BOTTOM}" fill="${COLORS.grid}"/>`,
      );
    }
    if (year > scale.fromYear) {
      ticks.push(
        `<line x1="${px(x)}" y1="${axisY - BAND / 2}" x2="${px(x)}" y2="${axisY + BAND / 2}" stroke="#ffffff" stroke-opacity="0.5"/>`,
      );
    }
    ticks.push(
      `<text class="year" x="${px(x + yearWidth / 2)}" y="${axisY + 5}" font-size="14" font-weight="700" fill="#ffffff" text-anchor="middle">${year}</text>`,
    );
  }

  // Stems first, then boxes and markers: a stem never draws over a label.
  const stems = placed.map((label) => stemSvg(label, axisY));
  const labels = placed.map((label) => itemSvg({ ...label, box: { ...label.box, y: label.box.y + axisY } }, axisY));
  const body = `${ticks.join('')}${stems.join('')}${labels.join('')}${title}`;
  return svgDocument(TIMELINE_WIDTH, height, body, COLORS.background, input.title);
}

function stemSvg({ item, x, box, above, strong }: Placed, axisY: number): string {
  const from = axisY + (above ? -BAND / 2 : BAND / 2);
  const to = axisY + (above ? box.y + box.height : box.y);
  const color = strong ? COLORS.highlight : COLORS.marker;
  return `<line class="stem" data-id="${escapeXml(item.id)}" x1="${px(x)}" y1="${px(from)}" x2="${px(x)}" y2="${px(to)}" stroke="${color}" stroke-width="${strong ? 2.5 : 1.5}"/>`;
}

function itemSvg({ item, x, box, above, lines, strong }: Placed, axisY: number): string {
  const color = strong ? COLORS.highlight : COLORS.marker;
  const edge = axisY + (above ? -BAND / 2 : BAND / 2);
  return (
    `<g class="item" data-id="${escapeXml(item.id)}" data-date="${escapeXml(item.date)}">` +
    `<rect x="${px(box.x)}" y="${px(box.y)}" width="${px(box.width)}" height="${px(box.height)}" rx="5" fill="${COLORS.labelBackground}" stroke="${strong ? COLORS.highlight : COLORS.labelBorder}" stroke-width="${strong ? 2 : 1}"/>` +
    textBlock(lines, box, PADDING) +
    `<circle class="marker" data-id="${escapeXml(item.id)}" cx="${px(x)}" cy="${edge}" r="${strong ? 9 : 7}" fill="${color}" stroke="#ffffff" stroke-width="2.5"/>` +
    '</g>'
  );
}
