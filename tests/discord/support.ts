import type pino from 'pino';
import type { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { AdapterLifecycle } from '../../src/adapters/adapter.js';
import { commandDefinitions, type DiscordAdapter, startDiscord } from '../../src/adapters/discord/index.js';
import type { Preferences } from '../../src/adapters/discord/language.js';
import { type Assistant, createAssistant } from '../../src/service/assistant.js';
import { realEngine } from '../support/engine.js';
import { type LogLine, memoryLogger } from '../support/log.js';
import { memoryState } from '../support/memory-state.js';
import { APP_ID, FakeDiscord, type MessageBody, type RecordedRequest } from './fake-discord.js';

export interface Bot {
  adapter: DiscordAdapter;
  assistant: Assistant;
  /** Log lines the adapter wrote (JSON objects). */
  logs: LogLine[];
  stop(): Promise<void>;
}

export interface BotOptions {
  shards?: 'auto' | number;
  shardIds?: string;
  assistant?: Assistant;
  deferAfterMs?: number;
  preferences?: Preferences;
  lifecycle?: AdapterLifecycle;
  metrics?: Registry;
  redisUrl?: string;
  leasePrefix?: string;
  leaseSeconds?: number;
  loginTimeoutSeconds?: number;
  logLevel?: pino.Level;
}

export async function startBot(fake: FakeDiscord, options: BotOptions = {}): Promise<Bot> {
  const { logger, lines: logs } = memoryLogger(options.logLevel);
  const state = memoryState();
  const assistant = options.assistant ?? createAssistant({ engine: realEngine(), state });
  if (fake.commands.length === 0) registerOn(fake, assistant);
  const adapter = await startDiscord({
    assistant,
    logger,
    preferences: options.preferences ?? state,
    lifecycle: options.lifecycle,
    metrics: options.metrics,
    leasePrefix: options.leasePrefix,
    config: {
      DISCORD_TOKEN: 'fake-token',
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_SHARDS: options.shards ?? 'auto',
      DISCORD_SHARD_IDS: options.shardIds,
      REDIS_URL: options.redisUrl,
      DISCORD_SHARD_LEASE_SECONDS: options.leaseSeconds,
      DISCORD_LOGIN_TIMEOUT_SECONDS: options.loginTimeoutSeconds,
    },
    ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
  });
  return { adapter, assistant, logs, stop: () => adapter.stop() };
}

/** The bot's commands as `npm run register` would have put them (ids for /help's mentions). */
export function registerOn(fake: FakeDiscord, assistant: Assistant): void {
  fake.commands = commandDefinitions(assistant.engine).map((command, index) => ({
    id: String(920000000000000000n + BigInt(index)),
    application_id: APP_ID,
    version: '1',
    ...command,
  }));
}

/** The interaction callback the bot sent for an interaction. */
export const callbackOf = (fake: FakeDiscord, token: string): Promise<RecordedRequest> =>
  fake.request((request) => request.path.endsWith(`/${token}/callback`), `the callback of ${token}`);

/** The message the bot sent to a channel after request number `from`. */
export const channelMessage = (fake: FakeDiscord, channelId: string, from: number): Promise<RecordedRequest> =>
  fake.request(
    (request) => request.method === 'POST' && request.path === `/api/v10/channels/${channelId}/messages`,
    `a message to ${channelId}`,
    from,
  );

/** Everything a message body shows: content, embed titles, descriptions, fields, footers. */
export function visible(body: MessageBody | undefined): string {
  return [
    body?.content ?? '',
    ...(body?.embeds ?? []).flatMap((embed) => [
      embed.title ?? '',
      embed.description ?? '',
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
      embed.footer?.text ?? '',
    ]),
  ].join('\n');
}

/** Errors the adapter logged (a handler that failed after its answer shows up here). */
export const problems = (bot: Bot) =>
  bot.logs.filter((line) => typeof line.level === 'number' && line.level >= 50).map((line) => String(line.msg));

/**
 * One fake Discord and one bot for a whole test file, handed to `onStart`; after each test, checks
 * that every answer went through without an error (a failing handler would have apologised).
 */
export function useBotOnFakeDiscord(onStart: (fake: FakeDiscord, bot: Bot) => void): void {
  let fake: FakeDiscord | undefined;
  let bot: Bot | undefined;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    bot = await startBot(fake);
    onStart(fake, bot);
  });
  afterEach(() => {
    if (!fake || !bot) return;
    expect(problems(bot)).toEqual([]);
    const apologies = fake.requests.filter(
      (request) => request.body.data?.flags === 64 && /Sorry|Przepraszam|Scusa/.test(request.body.data?.content ?? ''),
    );
    expect(apologies).toEqual([]);
  });
  afterAll(async () => {
    await bot?.stop();
    await fake?.stop();
  });
}
