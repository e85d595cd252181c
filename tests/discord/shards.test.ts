import { createServer, type Server, Socket } from 'node:net';
import { createClient } from '@keyv/redis';
import { afterEach, describe, expect, it } from 'vitest';
import { parseShardIds, planShards } from '../../src/adapters/discord/shards.js';
import { REDIS_TEST_URL, uniquePrefix } from '../store/redis.js';
import { DM_CHANNEL_ID, FakeDiscord, sendCommand, sendMessage } from './fake-discord.js';
import { type Bot, callbackOf, problems, startBot, visible } from './support.js';

let fakes: FakeDiscord[] = [];
let bots: Bot[] = [];
afterEach(async () => {
  await Promise.allSettled(bots.map((bot) => bot.stop()));
  await Promise.allSettled(fakes.map((fake) => fake.stop()));
  bots = [];
  fakes = [];
});

const fakeDiscord = async (options: ConstructorParameters<typeof FakeDiscord>[0] = {}) => {
  const fake = await new FakeDiscord(options).start();
  fakes.push(fake);
  return fake;
};
const bot = async (...args: Parameters<typeof startBot>) => {
  const started = await startBot(...args);
  bots.push(started);
  return started;
};

/** Resolves once `check` holds, polling (what it watches is not the fake's). */
async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A TCP relay in front of the test Redis that can be cut, like a Redis (or its network) going away. */
async function cuttableRedis(target: string): Promise<{ url: string; cut: () => Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = new Socket().connect(Number(port), hostname);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the relay has no port');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    cut: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** The bot's answers to a DM message so far (a double answer shows up as two). */
const answersTo = (fake: FakeDiscord, messageId: string) =>
  fake.requests.filter(
    (request) =>
      request.path === `/api/v10/channels/${DM_CHANNEL_ID}/messages` &&
      request.body.message_reference?.message_id === messageId,
  ).length;

describe('the shard plan', () => {
  it('reads shard ids as lists and ranges', () => {
    expect(parseShardIds('0-3,6')).toEqual([0, 1, 2, 3, 6]);
    expect(parseShardIds(' 4 , 2 ')).toEqual([2, 4]);
  });

  it('runs every shard by default, as many as Discord recommends', async () => {
    expect(await planShards({}, async () => 3)).toEqual({ count: 3, ids: [0, 1, 2] });
    expect(await planShards({ DISCORD_SHARDS: 2 }, async () => 9)).toEqual({ count: 2, ids: [0, 1] });
  });

  it('runs a subset of an explicit total, and refuses a subset of auto or ids past the total', async () => {
    expect(await planShards({ DISCORD_SHARDS: 4, DISCORD_SHARD_IDS: '2-3' }, async () => 1)).toEqual({
      count: 4,
      ids: [2, 3],
    });
    await expect(planShards({ DISCORD_SHARD_IDS: '0' }, async () => 1)).rejects.toThrow(/DISCORD_SHARDS/);
    await expect(planShards({ DISCORD_SHARDS: 2, DISCORD_SHARD_IDS: '1-2' }, async () => 1)).rejects.toThrow(/shard 2/);
  });
});

describe('sharding in one process', () => {
  it('DISCORD_SHARDS=auto takes the count from /gateway/bot and identifies one shard every 5 s (max_concurrency 1)', async () => {
    const fake = await fakeDiscord({ shards: 2 });
    const started = await bot(fake);
    await fake.ready(2);
    expect(fake.identifies.map((identify) => identify.shard.join('/')).sort()).toEqual(['0/2', '1/2']);
    const [first, second] = fake.identifies;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(4900);
    for (const shard of [0, 1]) {
      const sent = sendCommand(fake, 'partner', { name: 'dasing' }, { locale: 'en-GB', shard });
      expect(visible((await callbackOf(fake, sent.token)).body.data)).toContain('26 July 1998');
    }
    expect(started.adapter.health()).toEqual({ status: 'ready' });
    expect(problems(started)).toEqual([]);
  }, 20_000);
});

describe.skipIf(!REDIS_TEST_URL)('several processes on one token, with leases in Redis', () => {
  const redisUrl = REDIS_TEST_URL as string;

  it('two processes split the shards: each connects only its own and answers its events once', async () => {
    const fake = await fakeDiscord({ shards: 2 });
    const leasePrefix = uniquePrefix('shards');
    const common = { shards: 2, redisUrl, leasePrefix, leaseSeconds: 2 } as const;
    const [zero, one] = await Promise.all([
      bot(fake, { ...common, shardIds: '0' }),
      bot(fake, { ...common, shardIds: '1' }),
    ]);
    await fake.ready(2);
    expect(zero.adapter.shards).toEqual({ count: 2, ids: [0] });
    expect(one.adapter.shards).toEqual({ count: 2, ids: [1] });
    expect(fake.openConnections(0)).toBe(1);
    expect(fake.openConnections(1)).toBe(1);
    for (const shard of [0, 1]) {
      const sent = sendCommand(fake, 'partner', { name: 'kirov' }, { locale: 'en-GB', shard });
      expect(visible((await callbackOf(fake, sent.token)).body.data)).toContain('30 June 2008');
    }
    // A shard can only be run by one of them at a time: a third process wanting shard 1 waits.
    const reports: string[] = [];
    const third = startBot(fake, {
      ...common,
      shardIds: '1',
      lifecycle: {
        report: (health) => reports.push(`${health.status}: ${health.detail ?? ''}`),
        fatal: () => undefined,
      },
    });
    void third.then(
      (started) => bots.push(started),
      () => undefined,
    );
    await eventually(() => reports.some((line) => line.includes('waiting for shard 1')), 'a wait', 10_000);
    expect(fake.openConnections(1)).toBe(1);
  }, 20_000);

  it('a rolling restart: the new process waits, takes over when the old one stops, and nothing is answered twice', async () => {
    const fake = await fakeDiscord({ shards: 1 });
    const leasePrefix = uniquePrefix('rolling');
    const common = { redisUrl, leasePrefix, leaseSeconds: 2 } as const;
    const old = await bot(fake, common);
    const reports: string[] = [];
    const next = startBot(fake, {
      ...common,
      lifecycle: { report: (health) => reports.push(health.status), fatal: () => undefined },
    });
    void next.then(
      (started) => bots.push(started),
      () => undefined,
    );
    await eventually(() => reports.includes('starting'), 'the new process starting');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.openConnections(0)).toBe(1);

    const before = sendMessage(fake, 'When was the agreement with Kirov signed?', { where: 'dm' });
    await fake.waitUntil(() => (answersTo(fake, before) > 0 ? true : undefined), 'the answer before');

    // The old process has run for a while: Discord's identify window (5 s) from its start is over.
    const identifiedAt = fake.identifies[0]?.at ?? 0;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, identifiedAt + 5000 - Date.now())));
    await old.stop();
    const stoppedAt = Date.now();
    const started = await next;
    await fake.ready(1);
    const gap = Date.now() - stoppedAt;
    // No longer than the lease: the new process polls a fifth of it, then identifies.
    expect(gap).toBeLessThan(2000);

    const after = sendMessage(fake, 'When was the agreement with Kirov signed?', { where: 'dm' });
    await fake.waitUntil(() => (answersTo(fake, after) > 0 ? true : undefined), 'the answer after');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answersTo(fake, before)).toBe(1);
    expect(answersTo(fake, after)).toBe(1);
    expect(started.adapter.health().status).toBe('ready');
  }, 20_000);

  it('after a crash (a lease nobody renews), the next process takes over once it expires, not before', async () => {
    const fake = await fakeDiscord({ shards: 1 });
    const leasePrefix = uniquePrefix('crash');
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    await redis.set(`${leasePrefix}:discord:shard-lease:0`, 'crashed-host:1:dead', { PX: 1500 });
    await redis.quit();
    const startedAt = Date.now();
    const started = await bot(fake, { redisUrl, leasePrefix, leaseSeconds: 2 });
    const waited = Date.now() - startedAt;
    expect(waited).toBeGreaterThanOrEqual(1200);
    expect(waited).toBeLessThan(1500 + 2000);
    expect(started.adapter.health().status).toBe('ready');
  }, 20_000);

  it('a process whose lease is taken from it stops answering and ends with one line', async () => {
    const fake = await fakeDiscord({ shards: 1 });
    const leasePrefix = uniquePrefix('lost');
    const fatals: string[] = [];
    const started = await bot(fake, {
      redisUrl,
      leasePrefix,
      leaseSeconds: 1,
      lifecycle: { report: () => undefined, fatal: (line) => fatals.push(line) },
    });
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    await redis.set(`${leasePrefix}:discord:shard-lease:0`, 'another-host:2:thief', { PX: 10_000 });
    await redis.quit();
    await eventually(() => fatals.length > 0, 'the fatal line', 3000);
    expect(fatals).toEqual([expect.stringMatching(/^Discord shard 0: its lease in Redis was lost/)]);
    const ignored = sendMessage(fake, 'When was the agreement with Kirov signed?', { where: 'dm' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answersTo(fake, ignored)).toBe(0);
    expect(started.adapter.health().status).toBe('down');
  }, 20_000);
  it('Redis that cannot be reached at start ends start-up within one lease period, naming Redis', async () => {
    const fake = await fakeDiscord({ shards: 1 });
    const relay = await cuttableRedis(redisUrl);
    await relay.cut();
    const startedAt = Date.now();
    await expect(
      bot(fake, { redisUrl: relay.url, leasePrefix: uniquePrefix('away'), leaseSeconds: 1 }),
    ).rejects.toThrow(/^discord: shard leases: Redis at REDIS_URL could not be reached for 1 s/);
    expect(Date.now() - startedAt).toBeLessThan(5000);
    expect(fake.openConnections(0)).toBe(0);
  }, 20_000);

  it('Redis going away while another process holds the lease ends the wait instead of waiting forever', async () => {
    const fake = await fakeDiscord({ shards: 1 });
    const leasePrefix = uniquePrefix('gone');
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    await redis.set(`${leasePrefix}:discord:shard-lease:0`, 'another-host:2:alive', { PX: 60_000 });
    await redis.quit();
    const relay = await cuttableRedis(redisUrl);
    const reports: string[] = [];
    const starting = bot(fake, {
      redisUrl: relay.url,
      leasePrefix,
      leaseSeconds: 1,
      lifecycle: { report: (health) => reports.push(health.detail ?? ''), fatal: () => undefined },
    });
    const outcome = starting.then(
      () => 'started',
      (error: Error) => error.message,
    );
    await eventually(() => reports.some((line) => line.includes('waiting for shard 0')), 'a wait', 5000);
    const cutAt = Date.now();
    await relay.cut();
    expect(await outcome).toMatch(/^discord: shard leases: Redis at REDIS_URL could not be reached/);
    expect(Date.now() - cutAt).toBeLessThan(4000);
    expect(fake.openConnections(0)).toBe(0);
  }, 20_000);
});
