import { afterEach, describe, expect, it } from 'vitest';
import { shardOptions } from '../../src/adapters/discord/index.js';
import { FakeDiscord, sendCommand } from './fake-discord.js';
import { type Bot, callbackOf, problems, startBot, visible } from './support.js';

let fake: FakeDiscord | undefined;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  await fake?.stop();
  bot = undefined;
  fake = undefined;
});

async function eachShardAnswers(running: FakeDiscord, started: Bot) {
  await running.ready(2);
  expect(running.identifies.map((shard) => shard.join('/')).sort()).toEqual(['0/2', '1/2']);
  expect(started.adapter.client.ws.shards.size).toBe(2);
  for (const shard of [0, 1]) {
    const sent = sendCommand(running, 'partner', { name: 'dasing' }, { locale: 'en-GB', shard });
    const callback = await callbackOf(running, sent.token);
    expect(visible(callback.body.data)).toContain('26 July 1998');
  }
  expect(started.adapter.healthy()).toBe(true);
  expect(problems(started)).toEqual([]);
}

describe('sharding', () => {
  it('DISCORD_SHARDS=2 runs shards 0 and 1 of 2, each answering', async () => {
    fake = await new FakeDiscord({ shards: 1 }).start();
    bot = await startBot(fake, { shards: 2 });
    await eachShardAnswers(fake, bot);
  });

  it('DISCORD_SHARDS=auto takes the count from /gateway/bot', async () => {
    fake = await new FakeDiscord({ shards: 2 }).start();
    bot = await startBot(fake, { shards: 'auto' });
    await eachShardAnswers(fake, bot);
  });

  it('maps the setting to client options', () => {
    expect(shardOptions(undefined)).toEqual({});
    expect(shardOptions('auto')).toEqual({ shards: 'auto' });
    expect(shardOptions(3)).toEqual({ shards: [0, 1, 2], shardCount: 3 });
  });
});
