import { FONT_FAMILY, textWidth, type Weight } from './fonts.js';
import type { Box } from './types.js';

/** Text for an SVG text node or attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.codePointAt(0)};`);
}

/** A coordinate rounded to 0.1 px: enough for a 1200 px picture, and keeps the SVG small. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
  );
}

export function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

export function contains(box: Box, [x, y]: readonly [number, number]): boolean {
  return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
}

/** One line of a label: a few runs of text side by side, each with its own look. */
export interface Run {
  text: string;
  size: number;
  weight?: Weight;
  fill?: string;
}
export type Line = Run[];

const RUN_GAP = 0.3; // em of the run's size between two runs of a line

export function lineWidth(line: Line): number {
  return line.reduce(
    (sum, run, index) => sum + textWidth(run.text, run.size, run.weight) + (index > 0 ? run.size * RUN_GAP : 0),
    0,
  );
}

export function lineHeight(line: Line): number {
  return Math.max(...line.map((run) => run.size)) * 1.25;
}

/** Size of a block of lines with a padding around it. */
export function blockSize(lines: Line[], padding: number): { width: number; height: number } {
  return {
    width: Math.max(...lines.map(lineWidth)) + 2 * padding,
    height: lines.reduce((sum, line) => sum + lineHeight(line), 0) + 2 * padding,
  };
}

/** SVG text elements of lines laid out in a box; align says where each line starts. */
export function textBlock(lines: Line[], box: Box, padding: number, align: 'start' | 'middle' = 'start'): string {
  let y = box.y + padding;
  const parts: string[] = [];
  for (const line of lines) {
    const height = lineHeight(line);
    const size = Math.max(...line.map((run) => run.size));
    const baseline = y + height / 2 + size * 0.36; // Noto Sans: x-height centre sits ~0.36 em above the baseline
    const width = lineWidth(line);
    const x = align === 'middle' ? box.x + (box.width - width) / 2 : box.x + padding;
    const spans = line
      .map((run, index) => {
        const dx = index > 0 ? ` dx="${px(run.size * RUN_GAP)}"` : '';
        const weight = run.weight === 'bold' ? ' font-weight="700"' : '';
        const fill = run.fill ? ` fill="${run.fill}"` : '';
        return `<tspan${dx} font-size="${px(run.size)}"${weight}${fill}>${escapeXml(run.text)}</tspan>`;
      })
      .join('');
    parts.push(`<text x="${px(x)}" y="${px(baseline)}">${spans}</text>`);
    y += height;
  }
  return parts.join('');
}

/** A whole SVG document; its title names it for screen readers when the SVG itself is shown. */
export function svgDocument(width: number, height: number, body: string, background: string, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${FONT_FAMILY}, sans-serif" fill="#1d2733" role="img"><title>${escapeXml(title)}</title>` +
    `<rect width="${width}" height="${height}" fill="${background}"/>${body}</svg>`
  );
}
