import type { Readable } from 'node:stream';

/** One line of input: its text, or how long it was when it was longer than allowed. */
export type Line = { text: string } | { tooLong: number };

/**
 * Splits a byte stream into lines ("\n", with a "\r" before it dropped), blank lines included. A
 * line longer than `maxBytes` is not kept in memory: its bytes are counted and dropped, and it is
 * given as `{ tooLong }`, so one huge line cannot exhaust the memory.
 */
export async function* linesOf(input: Readable, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const finish = (): Line => {
    const line: Line = overflow ? { tooLong: size } : { text: decode(Buffer.concat(parts, size)) };
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
    let start = 0;
    for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
      take(buffer.subarray(start, end));
      yield finish();
      start = end + 1;
    }
    take(buffer.subarray(start));
  }
  if (size > 0 || overflow) yield finish();
}

function decode(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
