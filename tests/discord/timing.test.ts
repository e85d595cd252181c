import type { RepliableInteraction } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { answer, DEFAULT_DEFER_AFTER_MS, type DiscordDeps } from '../../src/adapters/discord/context.js';
import { noMetrics } from '../../src/adapters/discord/metrics.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { FakeDiscord, type Person, sendAutocomplete, sendCommand, snowflake } from './fake-discord.js';
import { type Bot, startBot } from './support.js';

/** An interaction as answer() sees it, created `ago` ms before now, recording its calls. */
function interactionCreated(ago: number) {
  const calls: { what: string; at: number }[] = [];
  const record = (what: string) => async () => {
    calls.push({ what, at: Date.now() });
    if (what === 'deferReply') stub.deferred = true;
  };
  const stub = {
    createdTimestamp: Date.now() - ago,
    deferred: false,
    ephemeral: false,
    guildId: null,
    authorizingIntegrationOwners: {},
    isMessageComponent: () => false,
    deferReply: record('deferReply'),
    reply: record('reply'),
    editReply: record('editReply'),
    followUp: record('followUp'),
    deleteReply: record('deleteReply'),
  };
  return { interaction: stub as unknown as RepliableInteraction, calls };
}

const depsWith = (deferAfterMs: number) => ({ deferAfterMs, metrics: noMetrics }) as unknown as DiscordDeps;
const answerIn = (ms: number) => () =>
  new Promise<{ messages: { content: string; embeds: never[]; components: never[] }[]; ephemeral: boolean }>(
    (resolve) =>
      setTimeout(() => resolve({ messages: [{ content: 'ok', embeds: [], components: [] }], ephemeral: false }), ms),
  );

describe('when an interaction is deferred (fake timers)', () => {
  beforeAll(() => {
    vi.useFakeTimers();
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('by default 2 s after the interaction was created, well inside Discord’s 3 s', async () => {
    expect(DEFAULT_DEFER_AFTER_MS).toBeLessThanOrEqual(2500);
    const { interaction, calls } = interactionCreated(0);
    const done = answer(depsWith(DEFAULT_DEFER_AFTER_MS), interaction, answerIn(5000));
    await vi.advanceTimersByTimeAsync(DEFAULT_DEFER_AFTER_MS - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((call) => call.what)).toEqual(['deferReply']);
    await vi.advanceTimersByTimeAsync(5000);
    await done;
    expect(calls.map((call) => call.what)).toEqual(['deferReply', 'editReply']);
  });

  it('counts from the creation, not from when the handler started: 1.5 s of lag leaves 0.5 s', async () => {
    const { interaction, calls } = interactionCreated(1500);
    const done = answer(depsWith(DEFAULT_DEFER_AFTER_MS), interaction, answerIn(5000));
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((call) => call.what)).toEqual(['deferReply']);
    await vi.advanceTimersByTimeAsync(5000);
    await done;
  });

  it('at once when the interaction is already older than that, or the work is known to be slow', async () => {
    for (const [ago, slow] of [
      [2600, false],
      [0, true],
    ] as const) {
      const { interaction, calls } = interactionCreated(ago);
      const done = answer(depsWith(DEFAULT_DEFER_AFTER_MS), interaction, answerIn(5000), { slow });
      await vi.advanceTimersByTimeAsync(0);
      expect(calls.map((call) => call.what)).toEqual(['deferReply']);
      await vi.advanceTimersByTimeAsync(5000);
      await done;
    }
  });

  it('not at all when the answer is ready in time: one reply', async () => {
    const { interaction, calls } = interactionCreated(0);
    const done = answer(depsWith(DEFAULT_DEFER_AFTER_MS), interaction, answerIn(100));
    await vi.advanceTimersByTimeAsync(100);
    await done;
    expect(calls.map((call) => call.what)).toEqual(['reply']);
  });
});

describe('interaction callbacks on a bad day', () => {
  let fake: FakeDiscord;
  let bot: Bot;
  const metrics = createMetrics();
  let people = 0;
  const someone = (): Person => ({ id: String(870000000000000000n + BigInt(++people)), username: `user${people}` });
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    bot = await startBot(fake, { metrics: metrics.registry });
  });
  afterAll(async () => {
    await bot.stop();
    await fake.stop();
  });
  afterEach(() => {
    // Neither an interaction token nor an answer ever reaches the log.
    const log = JSON.stringify(bot.logs);
    expect(log).not.toContain('itoken-');
    expect(log).not.toContain('30 June 2008');
  });

  const callbacks = (token: string) => fake.requests.filter((request) => request.path.endsWith(`/${token}/callback`));
  const settle = (ms = 400) => new Promise((resolve) => setTimeout(resolve, ms));
  const errors = () => bot.logs.filter((line) => Number(line.level) >= 50);

  it('an interaction that arrives after its 3 s is not answered at all (no request, debug log, counted)', async () => {
    const before = errors().length;
    const sent = sendCommand(fake, 'partner', { name: 'kirov' }, { ageMs: 3500, user: someone(), locale: 'en-GB' });
    await settle();
    expect(callbacks(sent.token)).toEqual([]);
    expect(errors().length).toBe(before);
    const expired = bot.logs.filter((line) => line.msg === 'discord: interaction expired');
    expect(expired.at(-1)?.level).toBe(20);
    expect(await metrics.registry.getSingleMetricAsString('discord_failed_replies_total')).toMatch(
      /reason="unknown_interaction"} [1-9]/,
    );
  });

  it('an autocomplete that arrives after its 3 s is not answered either, and is no error', async () => {
    const before = errors().length;
    const sent = sendAutocomplete(fake, 'partner', 'name', 'kir', { ageMs: 3500, user: someone() });
    await settle();
    expect(callbacks(sent.token)).toEqual([]);
    expect(errors().length).toBe(before);
  });

  it('a 500 on a callback is retried only within the 3 s window, and logged as code, status, method, route', async () => {
    fake.refuse({ match: (_method, path) => path.endsWith('/callback'), status: 500, times: 50 });
    const sent = sendCommand(fake, 'partner', { name: 'kirov' }, { user: someone(), locale: 'en-GB' });
    await settle(4000);
    const created = Number((BigInt(sent.id) >> 22n) + 1420070400000n);
    const attempts = callbacks(sent.token);
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    for (const attempt of attempts) expect(attempt.at - created).toBeLessThanOrEqual(3000);
    fake.refusals.length = 0;
    const logged = errors().at(-1) as { discord?: unknown; err?: unknown };
    expect(logged.discord).toEqual({ status: 500, method: 'POST', route: '/interactions/:id/:token/callback' });
    expect(logged.err).toBeUndefined();
  }, 10_000);

  it('a 429 on a callback fails at once instead of waiting past the window (no apology into the same wall), and is counted', async () => {
    fake.refuse({ match: (_method, path) => path.endsWith('/callback'), status: 429, retryAfter: 5 });
    const before = errors().length;
    const sent = sendCommand(fake, 'partner', { name: 'kirov' }, { user: someone(), locale: 'en-GB' });
    await settle(1000);
    expect(callbacks(sent.token)).toHaveLength(1);
    // Given up within the second, not after the 5 s Discord asked to wait.
    expect(errors().length).toBe(before + 1);
    expect(await metrics.registry.getSingleMetricAsString('discord_rest_rate_limited_total')).toMatch(
      /route="\/interactions\/:id\/:token\/callback"} [1-9]/,
    );
  });

  it('40060 (answered already, e.g. by another process) is expected: debug, counted, no apology', async () => {
    fake.refuse({ match: (_method, path) => path.endsWith('/callback'), status: 400, code: 40060 });
    const before = errors().length;
    const sent = sendCommand(fake, 'partner', { name: 'kirov' }, { user: someone(), locale: 'en-GB' });
    await settle();
    expect(callbacks(sent.token)).toHaveLength(1);
    expect(errors().length).toBe(before);
    expect(await metrics.registry.getSingleMetricAsString('discord_failed_replies_total')).toMatch(
      /reason="already_acknowledged"} 1/,
    );
  });

  it('exports gateway ping, shard status, guilds, channels, callback latency, deferrals and RSS', async () => {
    const sent = sendCommand(fake, 'partner', { name: 'kirov' }, { user: someone(), locale: 'en-GB' });
    await fake.request((request) => request.path.endsWith(`/${sent.token}/callback`), 'the answer');
    await settle(100);
    const text = await metrics.registry.metrics();
    for (const name of [
      'discord_gateway_ping_milliseconds{shard="0"}',
      'discord_shard_ready{shard="0"} 1',
      'discord_guilds 1',
      'discord_channels 3',
      'discord_interaction_callback_seconds_count{kind="reply"}',
      'discord_deferrals_total',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(name);
    }
    expect(snowflake()).toMatch(/^\d+$/);
  });
});
