import { Writable } from 'node:stream';
import pino from 'pino';

/** A line as pino writes it, read back. */
export type LogLine = Record<string, unknown> & { level?: number; msg?: string };

/** A real pino logger whose lines a test can read (several lines may arrive in one chunk). */
export function memoryLogger(level: pino.Level = 'debug') {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines, has: (msg: string) => lines.some((line) => line.msg === msg) };
}
