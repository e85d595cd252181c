import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import TelegramServerModule from 'telegram-test-api';
import { loadDataset } from '../../src/domain/load.js';
import { loadLocales } from '../../src/domain/locales.js';
import { createEngine, type Engine } from '../../src/engine/index.js';
import { type Assistant, createAssistant, type RateLimiter } from '../../src/service/assistant.js';
import { openStateStore, type StateStore } from '../../src/store/state.js';
import { realEngine } from '../support/engine.js';

/** Text a clerk could type into data/: markup characters Telegram's HTML would take for tags. */
export const MARKUP = 'Test entry: <script>alert("x")</script> & <b>R&D</b>';
/** How many long activities the long-card fixture gives Dasing. */
export const LONG_ACTIVITIES = 40;

/**
 * The real engine over the real data with two test-only edits (no facts, only text to render):
 * Kirov gets an activity full of markup characters, Dasing 40 long activities (a card of ~8,000
 * characters). Only these make escaping and splitting visible: the engine never echoes a question.
 */
export function editedEngine(): Engine {
  const locales = loadLocales();
  const dataset = structuredClone(loadDataset(locales.languages));
  const partner = (id: string) => dataset.partners.find((candidate) => candidate.id === id);
  const text = (value: string) => Object.fromEntries(locales.languages.map((language) => [language, value]));
  partner('kirov')?.activities.push({ areas: ['culture'], text: text(MARKUP) } as never);
  for (let index = 0; index < LONG_ACTIVITIES; index++) {
    partner('dasing')?.activities.push({
      areas: ['culture'],
      text: text(`Test activity ${index + 1}: ${'a long description of a shared event '.repeat(5)}end ${index + 1}.`),
    } as never);
  }
  return createEngine({ dataset, locales, defaultLanguage: 'pl' });
}

// The package is CommonJS (`module.exports = TelegramServer`); its types describe an ES default export.
type TelegramServerClass = typeof import('telegram-test-api/lib/telegramServer.js').TelegramServer;
export type TelegramServer = InstanceType<TelegramServerClass>;
const TelegramServerCtor = ((TelegramServerModule as unknown as { default?: TelegramServerClass }).default ??
  TelegramServerModule) as unknown as TelegramServerClass;

export const silentLogger = () => pino({ level: 'silent' });

/** The telegram-test-api emulator on 127.0.0.1 and a free port chosen by the system. */
export async function startEmulator(): Promise<TelegramServer> {
  const server = new TelegramServerCtor({ host: '127.0.0.1', storeTimeout: 600 });
  // The emulator turns port 0 into 9000; ask for a free port after construction instead.
  server.config.port = 0;
  await server.start();
  const { port } = (server as unknown as { server: Server }).server.address() as AddressInfo;
  server.config.port = port;
  server.config.apiURL = `http://127.0.0.1:${port}`;
  return server;
}

export interface TestState {
  dir: string;
  state: StateStore;
  assistant: Assistant;
  close(): Promise<void>;
}

/** The real engine and assistant over a state store in a fresh temporary STATE_DIR. */
export function testAssistant(rateLimiter?: RateLimiter, engine: Engine = realEngine()): TestState {
  const dir = mkdtempSync(join(tmpdir(), 'siedlce-telegram-'));
  const state = openStateStore({ stateDir: dir, prefix: 'test' });
  const assistant = createAssistant({ engine, state, rateLimiter });
  return {
    dir,
    state,
    assistant,
    async close() {
      await state.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ALLOWED_TAGS = new Set(['b', 'i', 'u', 's', 'code', 'pre', 'a', 'tg-spoiler', 'blockquote']);

/**
 * Checks a message is HTML Telegram accepts: only its tags, balanced; `&` only in entities; no raw
 * `<` or `>` outside tags. Returns the problems found.
 */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  for (const match of html.matchAll(/<(\/?)([a-z-]+)(\s[^>]*)?>|&(?:amp|lt|gt|quot);|[<>&]/g)) {
    const [token, closing, name] = match;
    if (!name) {
      if (token.length === 1) problems.push(`raw ${token} at ${match.index}`);
      continue;
    }
    if (!ALLOWED_TAGS.has(name)) problems.push(`tag <${name}>`);
    if (closing) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
    } else stack.push(name);
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.join(',')}`);
  return problems;
}

/** What the text reads like once Telegram has parsed the HTML. */
export const visibleText = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** Waits until a condition holds, polling; fails after `timeoutMs`. */
export async function until<T>(read: () => T | undefined | false, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
