import type { Readable } from 'node:stream';

/** One line of input: its text, or how long it was when it was longer than allowed. */
export type Line = { text: string } | { tooLong: number };

/**
 * Splits a byte stream into lines ("\n", with a "\r" before it dropped), blank lines included, and
 * gives them a chunk at a time: every line a chunk completes, so a reader can answer them together
 * and write once. A line longer than `maxBytes` is not kept in memory: its bytes are counted and
 * dropped, and it is given as `{ tooLong }`, so one huge line cannot exhaust the memory.
 */
export async function* lineBatchesOf(input: Readable, maxBytes: number): AsyncGenerator<Line[]> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const finish = (): Line => {
    const line: Line = overflow ? { tooLong: size } : { text: decode(parts, size) };
    parts = [];
    size = 0;
    overflow = false;
    return line;
  };
  const take = (piece: Buffer) => {
    size += piece.length;
    if (overflow) return;
    if (size > maxBytes) {
      overflow = true;
      parts = [];
    } else if (piece.length > 0) {
      parts.push(piece);
    }
  };
  for await (const chunk of input) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    const lines: Line[] = [];
    let start = 0;
    for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
      take(buffer.subarray(start, end));
      lines.push(finish());
      start = end + 1;
    }
    take(buffer.subarray(start));
    if (lines.length > 0) yield lines;
  }
  if (size > 0 || overflow) yield [finish()];
}

/** A line's pieces as text; a line inside one chunk (most are) is decoded without copying it first. */
function decode(parts: readonly Buffer[], size: number): string {
  const [only] = parts;
  const text = (parts.length === 1 && only ? only : Buffer.concat(parts, size)).toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
