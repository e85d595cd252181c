import { createInterface } from 'node:readline';
import { z } from 'zod';
import { engineFromConfig } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { type Conversation, ConversationSchema, type Engine } from '../engine/index.js';
import { loadDotEnv } from '../ops/env.js';
import { runMain } from './run-main.js';

const BatchRequestSchema = z.object({
  text: z.string(),
  session: z.union([z.string(), z.number()]).optional(),
  locale: z.string().optional(),
});

/**
 * `ask --json`: one JSON request a line on stdin, one JSON answer a line on stdout, in order.
 * Requests that share a session share conversation context. Nothing else goes to stdout.
 */
async function batch(engine: Engine): Promise<void> {
  const sessions = new Map<string, Conversation>();
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let parsed: z.infer<typeof BatchRequestSchema>;
    try {
      parsed = BatchRequestSchema.parse(JSON.parse(line));
    } catch (error) {
      process.stdout.write(
        `${JSON.stringify({ error: `invalid request: ${(error as Error).message.split('\n')[0]}` })}\n`,
      );
      continue;
    }
    const session = parsed.session === undefined ? undefined : String(parsed.session);
    const conversation = session ? sessions.get(session) : undefined;
    const reply = engine.answer({ text: parsed.text, conversation, locale: parsed.locale });
    if (session) sessions.set(session, ConversationSchema.parse(reply.conversation));
    const { language, intent, partners, text } = reply;
    process.stdout.write(`${JSON.stringify({ language, intent, partners, text })}\n`);
  }
}

runMain(async () => {
  const args = process.argv.slice(2);
  loadDotEnv();
  const engine = engineFromConfig(loadConfig());
  if (args[0] === '--json') {
    await batch(engine);
    return;
  }
  const question = args.join(' ');
  process.stdout.write(`${engine.answer({ text: question }).text}\n`);
});
