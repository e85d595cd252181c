import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { describeError } from '../domain/issues.js';
import type { Conversation, Engine } from '../engine/index.js';
import { type Line, lineBatchesOf } from './lines.js';

/** Longer lines get an error line (the engine reads 600 characters; a request is far shorter). */
export const MAX_LINE_BYTES = 64 * 1024;

const IdSchema = z.union([z.string(), z.number()]);
const BatchRequestSchema = z.object({
  /** Echoed in the answer, so a consumer can match answers to requests. */
  id: IdSchema.optional(),
  text: z.string(),
  session: z.union([z.string(), z.number()]).optional(),
  locale: z.string().optional(),
});
type BatchRequest = z.infer<typeof BatchRequestSchema>;

type Answer = Record<string, unknown>;

/** The id of a request that is otherwise invalid, when it has a usable one. */
function idOf(raw: unknown): Answer {
  if (raw === null || typeof raw !== 'object' || !('id' in raw)) return {};
  const id = IdSchema.safeParse(raw.id);
  return id.success ? { id: id.data } : {};
}

const isIdValue = (value: unknown): value is string | number =>
  typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));

/**
 * A request that BatchRequestSchema accepts as it is, checked without zod (a few µs a line); anything
 * else goes through the schema, so its error line names the field.
 */
function plainRequest(raw: unknown): BatchRequest | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const { id, text, session, locale } = raw as Record<string, unknown>;
  if (typeof text !== 'string') return undefined;
  if (id !== undefined && !isIdValue(id)) return undefined;
  if (session !== undefined && !isIdValue(session)) return undefined;
  if (locale !== undefined && typeof locale !== 'string') return undefined;
  return { id, text, session, locale };
}

/**
 * `ask --json`: one JSON request a line on stdin, exactly one JSON line a line on stdout, in order,
 * blank and broken lines included (an `{"error"}` line), so a consumer can zip input with output.
 * Requests that share a session share conversation context. Nothing else goes to stdout.
 */
export function batchAnswerer(engine: Engine): (line: Line) => Answer {
  // The engine's own conversations: only what came from outside the process is checked.
  const sessions = new Map<string, Conversation>();
  return (line) => {
    if ('tooLong' in line) {
      return { error: `line too long: ${line.tooLong} bytes, at most ${MAX_LINE_BYTES} are read` };
    }
    if (line.text.trim() === '') return { error: 'empty line: expected a JSON request such as {"text":"…"}' };
    let raw: unknown;
    try {
      raw = JSON.parse(line.text);
    } catch (error) {
      return { error: `not JSON: ${(error as Error).message}` };
    }
    let request = plainRequest(raw);
    if (!request) {
      const parsed = BatchRequestSchema.safeParse(raw);
      if (!parsed.success) return { ...idOf(raw), error: describeError(parsed.error) };
      request = parsed.data;
    }
    const session = request.session === undefined ? undefined : String(request.session);
    const conversation = session ? sessions.get(session) : undefined;
    const reply = engine.answer({ text: request.text, conversation, locale: request.locale });
    if (session) sessions.set(session, reply.conversation);
    // `intents` lists every question of the message in order; `intent` stays the first, as before.
    const { language, intent, intents = [intent], partners, text } = reply;
    return request.id === undefined
      ? { language, intent, intents, partners, text }
      : { id: request.id, language, intent, intents, partners, text };
  };
}

/**
 * Answers every line of `input` on `output`. The lines that arrive together are answered together
 * and written at once (one write, not one a line); a slow reader is waited for rather than holding
 * every answer in memory.
 */
export async function answerBatch(engine: Engine, input: Readable, output: Writable): Promise<void> {
  const answer = batchAnswerer(engine);
  for await (const lines of lineBatchesOf(input, MAX_LINE_BYTES)) {
    let answers = '';
    for (const line of lines) answers += `${JSON.stringify(answer(line))}\n`;
    if (!output.write(answers)) await once(output, 'drain');
  }
}
