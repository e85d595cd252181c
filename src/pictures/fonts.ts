import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The font the pictures are drawn with: Noto Sans, the two TTF files used shipped in assets/fonts/
 * with their licence (OFL), so no system font and no 14 MB font package is needed.
 * It has every Polish letter (ą ć ę ł ń ó ś ź ż), Italian accents and Cyrillic.
 */
export const FONT_FAMILY = 'Noto Sans';

// src/pictures/ and dist/pictures/ are both two folders below the project
const font = (file: string) => fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url));

export const FONT_FILES = {
  regular: font('NotoSans_400Regular.ttf'),
  bold: font('NotoSans_700Bold.ttf'),
} as const;

export type Weight = keyof typeof FONT_FILES;

/** Advance widths of one TrueType font, read from its cmap (format 4) and hmtx tables. */
export interface FontMetrics {
  unitsPerEm: number;
  /** Glyph index of a character, 0 (.notdef) when the font lacks it. */
  glyphOf(codePoint: number): number;
  advanceOf(glyph: number): number;
}

function parseFont(data: Buffer): FontMetrics {
  const tables = new Map<string, number>();
  const count = data.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const record = 12 + i * 16;
    tables.set(data.toString('latin1', record, record + 4), data.readUInt32BE(record + 8));
  }
  const at = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font has no ${tag} table`);
    return offset;
  };
  const unitsPerEm = data.readUInt16BE(at('head') + 18);
  const numberOfHMetrics = data.readUInt16BE(at('hhea') + 34);
  const hmtx = at('hmtx');

  // cmap: the Windows Unicode BMP subtable (3,1), format 4.
  const cmap = at('cmap');
  let sub = -1;
  const subtables = data.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + i * 8;
    const platform = data.readUInt16BE(record);
    const encoding = data.readUInt16BE(record + 2);
    const offset = cmap + data.readUInt32BE(record + 4);
    if (platform === 3 && encoding === 1 && data.readUInt16BE(offset) === 4) sub = offset;
  }
  if (sub < 0) throw new Error('font has no format 4 Unicode cmap');
  const segments = data.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;

  const glyphOf = (codePoint: number): number => {
    if (codePoint > 0xffff) return 0;
    for (let i = 0; i < segments; i++) {
      if (data.readUInt16BE(ends + i * 2) < codePoint) continue;
      const start = data.readUInt16BE(starts + i * 2);
      if (start > codePoint) return 0;
      const delta = data.readInt16BE(deltas + i * 2);
      const rangeOffsetAt = rangeOffsets + i * 2;
      const rangeOffset = data.readUInt16BE(rangeOffsetAt);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = data.readUInt16BE(rangeOffsetAt + rangeOffset + (codePoint - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
  const advanceOf = (glyph: number): number => data.readUInt16BE(hmtx + Math.min(glyph, numberOfHMetrics - 1) * 4);
  return { unitsPerEm, glyphOf, advanceOf };
}

const metrics = new Map<Weight, FontMetrics>();

export function fontMetrics(weight: Weight): FontMetrics {
  let found = metrics.get(weight);
  if (!found) {
    found = parseFont(readFileSync(FONT_FILES[weight]));
    metrics.set(weight, found);
  }
  return found;
}

/** Width in pixels of a one-line text at a font size (no kerning: a slight over-estimate at worst). */
export function textWidth(text: string, size: number, weight: Weight = 'regular'): number {
  const font = fontMetrics(weight);
  let units = 0;
  for (const char of text) units += font.advanceOf(font.glyphOf(char.codePointAt(0) ?? 0));
  return (units / font.unitsPerEm) * size;
}

/** Characters of a text the font cannot draw (would show as empty boxes). */
export function missingGlyphs(text: string, weight: Weight = 'regular'): string[] {
  const font = fontMetrics(weight);
  return [...new Set([...text].filter((char) => char.trim() !== '' && font.glyphOf(char.codePointAt(0) ?? 0) === 0))];
}
