import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Client } from 'discord.js';
import { BOT_ID, type FakeDiscord, GUILD_CHANNEL_ID, sendMessage } from './fake-discord.js';
import { channelMessage } from './support.js';

setFlagsFromString('--expose_gc');
/** A full garbage collection, so heap sizes compare what is kept, not what is waiting to be freed. */
export const collect = runInNewContext('gc') as () => void;

export const heapMb = (): number => {
  collect();
  collect();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

/** What the client keeps of what it was sent. */
export function cached(client: Client) {
  let messages = 0;
  for (const channel of client.channels.cache.values()) {
    if ('messages' in channel && channel.messages) messages += channel.messages.cache.size;
  }
  const members = [...client.guilds.cache.values()].reduce((sum, guild) => sum + guild.members.cache.size, 0);
  return { messages, users: client.users.cache.size, members, channels: client.channels.cache.size };
}

/**
 * `count` messages that do not mention the bot, spread over every channel of the server, each by
 * another person, then one mention; resolves once the mention is answered (everything before it has
 * been handled, the gateway being in order).
 */
export async function flood(fake: FakeDiscord, count: number): Promise<void> {
  const channels = fake.channelIds();
  for (let index = 0; index < count; index++) {
    const channelId = channels[index % channels.length] as string;
    sendMessage(fake, `unrelated chatter number ${index} `.repeat(8), {
      channelId,
      mentionBot: false,
      user: { id: String(880000000000000000n + BigInt(index)), username: `chatter${index}` },
    });
    if (index % 500 === 499) await new Promise((resolve) => setImmediate(resolve));
  }
  const from = fake.requests.length;
  sendMessage(fake, `<@${BOT_ID}> Kirow?`);
  await channelMessage(fake, GUILD_CHANNEL_ID, from);
}
