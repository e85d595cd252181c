import { inflateSync } from 'node:zlib';
import { expect } from 'vitest';
import { loadDataset } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import type { Dataset } from '../../src/domain/schema.js';

export const LANGUAGES = ['pl', 'it', 'en'] as const;

let dataset: Dataset | undefined;

/** The real data/partners.json, loaded once per test file. */
export function realDataset(): Dataset {
  if (!dataset) dataset = loadDataset(loadLocales().languages);
  return dataset;
}

/** What the SVG writes for a text (the same escaping as the renderer). */
export function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.codePointAt(0)};`);
}

export interface Shape {
  attributes: Record<string, string>;
}

/** Every element of one tag name with the given class, with its attributes. */
export function elements(svg: string, tag: string, className?: string): Shape[] {
  const found: Shape[] = [];
  for (const match of svg.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
    const attributes: Record<string, string> = {};
    for (const attribute of (match[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)) {
      attributes[attribute[1] ?? ''] = attribute[2] ?? '';
    }
    if (className === undefined || attributes.class === className) found.push({ attributes });
  }
  return found;
}

/** The markup of the <g class=... data-id=...> group of one id (groups here do not nest). */
export function group(svg: string, className: string, id: string): string {
  const start = svg.indexOf(`<g class="${className}" data-id="${id}"`);
  if (start < 0) return '';
  return svg.slice(start, svg.indexOf('</g>', start));
}

/** The plain text of some SVG markup: the contents of its text nodes, joined by spaces. */
export function textsOf(markup: string): string {
  return [...markup.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)]
    .map((match) => (match[1] ?? '').replace(/<[^>]+>/g, ' '))
    .join(' ')
    .replace(/\s+/g, ' ');
}

export interface DecodedPng {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  /** Raw scanlines, each with its filter byte first. */
  raw: Buffer;
}

/** Decodes a PNG's chunks (signature, IHDR, IDAT inflated, IEND): fails loudly on a broken file. */
export function decodePng(png: Buffer): DecodedPng {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(signature)) throw new Error('not a PNG signature');
  let offset = 8;
  let header: Omit<DecodedPng, 'raw'> | undefined;
  const data: Buffer[] = [];
  let ended = false;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8] ?? 0,
        colorType: body[9] ?? 0,
      };
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      ended = true;
    }
    offset += 12 + length;
  }
  if (!header || !ended) throw new Error('PNG without IHDR or IEND');
  return { ...header, raw: inflateSync(Buffer.concat(data)) };
}

/** A label's box as drawn in the SVG. */
export interface Rect {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The boxes of the labels of one class (`label` on the map, `item` on the timeline), in order. */
export function labelBoxes(svg: string, className: 'label' | 'item'): Rect[] {
  const pattern = new RegExp(`<g class="${className}" data-id="([^"]+)"[^>]*><rect ([^>]*)>`, 'g');
  return [...svg.matchAll(pattern)].map((match) => {
    const a = elements(`<rect ${match[2]}>`, 'rect')[0]?.attributes ?? {};
    return { id: match[1] ?? '', x: Number(a.x), y: Number(a.y), w: Number(a.width), h: Number(a.height) };
  });
}

const apart = (a: Rect, b: Rect) => a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;

/** Every box lies inside the picture (below `top`) and overlaps no other box. */
export function expectLaidOut(
  boxes: readonly Rect[],
  area: { width: number; height: number; top?: number },
  label = '',
) {
  for (const box of boxes) {
    expect(box.x, `${label} ${box.id} left`).toBeGreaterThanOrEqual(0);
    expect(box.y, `${label} ${box.id} top`).toBeGreaterThanOrEqual(area.top ?? 0);
    expect(box.x + box.w, `${label} ${box.id} right`).toBeLessThanOrEqual(area.width);
    expect(box.y + box.h, `${label} ${box.id} bottom`).toBeLessThanOrEqual(area.height);
    for (const other of boxes) {
      if (other !== box) expect(apart(box, other), `${label}: ${box.id} overlaps ${other.id}`).toBe(true);
    }
  }
}
