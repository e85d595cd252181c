import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from './fake-discord.js';
import { cached, flood, heapMb } from './flood.js';
import { type Bot, startBot } from './support.js';

/**
 * discord.js keeps the last 200 messages of every channel by default, and every author it sees; the
 * bot reads none of them again. Here a server of 400 channels is flooded with chatter that does not
 * concern the bot: the caches stay empty and the heap stays where it was.
 */
let fake: FakeDiscord;
let bot: Bot;
beforeAll(async () => {
  fake = await new FakeDiscord({ extraChannels: 400 }).start();
  bot = await startBot(fake, { logLevel: 'warn' });
});
afterAll(async () => {
  await bot.stop();
  await fake.stop();
});

describe('lean caches under a flood of unrelated messages', () => {
  it('keep no message, no author, no member but the bot’s own, and a flat heap', async () => {
    const client = bot.adapter.client;
    await flood(fake, 2000);
    const before = heapMb();
    await flood(fake, 8000);
    const after = heapMb();
    expect(cached(client)).toEqual({ messages: 0, users: 1, members: 1, channels: 403 });
    // 8,000 kept messages would be several MB; what is left is noise.
    expect(after - before).toBeLessThan(3);
  }, 60_000);
});
