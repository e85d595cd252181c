import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterHealth } from '../../src/adapters/adapter.js';
import { FakeDiscord, sendCommand } from './fake-discord.js';
import { type Bot, callbackOf, startBot } from './support.js';

let fake: FakeDiscord | undefined;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  await fake?.stop();
  bot = undefined;
  fake = undefined;
});

/** A lifecycle that records what the adapter reports, as main.ts would receive it. */
function recorder() {
  const reports: AdapterHealth[] = [];
  const fatals: string[] = [];
  let onFatal: (() => void) | undefined;
  return {
    reports,
    fatals,
    fatal: new Promise<string>((resolve) => {
      onFatal = () => resolve(fatals[0] ?? '');
    }),
    lifecycle: {
      report: (health: AdapterHealth) => reports.push(health),
      fatal: (line: string) => {
        fatals.push(line);
        onFatal?.();
      },
    },
  };
}

describe('health', () => {
  it('says "starting" from the first moment, "ready" once connected, "down" with a reason while reconnecting', async () => {
    fake = await new FakeDiscord().start();
    const seen = recorder();
    bot = await startBot(fake, { lifecycle: seen.lifecycle });
    expect(seen.reports[0]).toEqual({ status: 'starting' });
    expect(bot.adapter.health()).toEqual({ status: 'ready' });
    fake.drop(0, 4000);
    await fake.waitUntil(() => (fake?.resumes ? true : undefined), 'a resume');
    const sent = sendCommand(fake, 'partner', { name: 'kirov' }, { locale: 'en-GB' });
    await callbackOf(fake, sent.token);
    expect(seen.reports.map((report) => report.status)).toEqual(['starting', 'ready', 'down', 'ready']);
    expect(seen.reports[2]?.detail).toContain('shard 0');
    expect(seen.fatals).toEqual([]);
  });
});

describe('a failure that reconnecting cannot fix', () => {
  it.each([
    [4004, /DISCORD_TOKEN was rejected \(close 4004\): reset it in the Developer Portal/],
    [4014, /privileged intent \(close 4014\)/],
    [4011, /DISCORD_SHARDS=auto/],
  ])('close %i after start: one fatal line saying what to fix, health down', async (code, line) => {
    fake = await new FakeDiscord().start();
    const seen = recorder();
    bot = await startBot(fake, { lifecycle: seen.lifecycle });
    fake.drop(0, code);
    expect(await seen.fatal).toMatch(line);
    expect(seen.fatals).toHaveLength(1);
    expect(bot.adapter.health().status).toBe('down');
    // discord.js does not reconnect: no second IDENTIFY burns the budget.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.identifies).toHaveLength(1);
  });

  it('close 4004 at IDENTIFY: start-up rejects with that one line, and nothing is retried', async () => {
    fake = await new FakeDiscord({ closeOnIdentify: 4004 }).start();
    const seen = recorder();
    await expect(startBot(fake, { lifecycle: seen.lifecycle })).rejects.toThrow(
      /^discord: DISCORD_TOKEN was rejected \(close 4004\)/,
    );
    expect(fake.identifies).toHaveLength(1);
    expect(seen.reports.at(-1)?.status).toBe('down');
    expect(seen.fatals).toEqual([]);
  });

  it('a token refused by REST (401): start-up rejects with one line, without the token', async () => {
    fake = await new FakeDiscord().start();
    fake.refuse({ match: (_method, path) => path.endsWith('/gateway/bot'), status: 401, times: 5 });
    const error = await startBot(fake).catch((failure: unknown) => failure as Error);
    expect((error as Error).message).toMatch(/^discord: DISCORD_TOKEN was rejected \(401\)/);
    expect((error as Error).message).not.toContain('fake-token');
  });
});

describe('the login deadline', () => {
  it('READY never comes: start-up rejects within the deadline with a line naming what to check', async () => {
    fake = await new FakeDiscord({ withholdReady: true }).start();
    const started = Date.now();
    await expect(startBot(fake, { loginTimeoutSeconds: 1 })).rejects.toThrow(
      /^discord: Discord did not send READY within 1 s .*DISCORD_API_URL/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    // Nothing keeps trying after the deadline (discord.js would reconnect a shard destroyed while it
    // waits for READY, and identify again, if the adapter did not end that wait first).
    const identifies = fake.identifies.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fake.identifies.length).toBe(identifies);
    expect(fake.openConnections(0)).toBe(0);
  });
});
