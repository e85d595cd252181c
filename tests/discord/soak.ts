/**
 * The flood soak behind docs/discord.md's memory numbers (not part of `npm test`):
 *   npx tsx tests/discord/soak.ts [channels] [messages]
 * A fake server of `channels` channels gets `messages` messages that do not concern the bot, in
 * rounds; after each round the heap (after a full GC) and the RSS are printed.
 */
import { FakeDiscord } from './fake-discord.js';
import { cached, flood, heapMb } from './flood.js';
import { startBot } from './support.js';

const channels = Number(process.argv[2] ?? 1000);
const messages = Number(process.argv[3] ?? 50_000);
const rounds = 5;

const fake = await new FakeDiscord({ extraChannels: channels }).start();
const bot = await startBot(fake, { logLevel: 'warn' });
const rss = () => process.memoryUsage().rss / 1024 / 1024;
await flood(fake, 1000);
console.log(`channels ${channels + 3}, warm-up: heap ${heapMb().toFixed(1)} MB, rss ${rss().toFixed(0)} MB`);
for (let round = 1; round <= rounds; round++) {
  await flood(fake, messages / rounds);
  const heap = heapMb();
  console.log(
    `after ${(round * messages) / rounds} messages: heap ${heap.toFixed(1)} MB, rss ${rss().toFixed(0)} MB, cached ${JSON.stringify(cached(bot.adapter.client))}`,
  );
}
await bot.stop();
await fake.stop();
