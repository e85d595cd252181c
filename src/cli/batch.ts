import { z } from 'zod';
import { describeError } from '../domain/issues.js';
import { type Conversation, ConversationSchema, type Engine } from '../engine/index.js';
import type { Line } from './lines.js';

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

type Answer = Record<string, unknown>;

/** The id of a request that is otherwise invalid, when it has a usable one. */
function idOf(raw: unknown): Answer {
  if (raw === null || typeof raw !== 'object' || !('id' in raw)) return {};
  const id = IdSchema.safeParse(raw.id);
  return id.success ? { id: id.data } : {};
}

/**
 * `ask --json`: one JSON request a line on stdin, exactly one JSON line a line on stdout, in order,
 * blank and broken lines included (an `{"error"}` line), so a consumer can zip input with output.
 * Requests that share a session share conversation context. Nothing else goes to stdout.
 */
export function batchAnswerer(engine: Engine): (line: Line) => Answer {
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
    const parsed = BatchRequestSchema.safeParse(raw);
    if (!parsed.success) return { ...idOf(raw), error: describeError(parsed.error) };
    const request = parsed.data;
    const session = request.session === undefined ? undefined : String(request.session);
    const conversation = session ? sessions.get(session) : undefined;
    const reply = engine.answer({ text: request.text, conversation, locale: request.locale });
    if (session) sessions.set(session, ConversationSchema.parse(reply.conversation));
    const { language, intent, partners, text } = reply;
    return { ...(request.id === undefined ? {} : { id: request.id }), language, intent, partners, text };
  };
}
