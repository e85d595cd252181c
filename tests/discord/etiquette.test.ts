import type { Message } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  BOT_ID,
  BOT_ROLE_ID,
  type FakeDiscord,
  GUILD_CHANNEL_ID,
  type Person,
  PLAIN_CHANNEL_ID,
  READ_ONLY_CHANNEL_ID,
  sendCommand,
  sendMessage,
  sendMessageCommand,
} from './fake-discord.js';
import { type Bot, callbackOf, channelMessage, useBotOnFakeDiscord, visible } from './support.js';

let fake: FakeDiscord;
let bot: Bot;
useBotOnFakeDiscord((started, running) => {
  fake = started;
  bot = running;
});

const EPHEMERAL = 64;
let people = 0;
const someone = (): Person => ({ id: String(860000000000000000n + BigInt(++people)), username: `user${people}` });
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const postsTo = (channelId: string, from: number) =>
  fake.requests.slice(from).filter((request) => request.path === `/api/v10/channels/${channelId}/messages`);

describe('mentions', () => {
  it('a mention of the bot’s managed role counts as a mention of the bot', async () => {
    const from = fake.requests.length;
    sendMessage(fake, `<@&${BOT_ROLE_ID}> Kiedy podpisano umowę z Kirowem?`, { mentionRole: true, user: someone() });
    expect(visible((await channelMessage(fake, GUILD_CHANNEL_ID, from)).body)).toContain('30 czerwca 2008');
  });

  it('a message that mentions neither the bot nor its role is not read (Discord blanks it) and not answered', async () => {
    const from = fake.requests.length;
    const seen: string[] = [];
    const listener = (message: Message) => seen.push(message.content);
    bot.adapter.client.on('messageCreate', listener);
    sendMessage(fake, 'Kiedy podpisano umowę z Kirowem?', { mentionBot: false, user: someone() });
    await settle();
    bot.adapter.client.off('messageCreate', listener);
    // As on Discord without the MessageContent intent: the bot could not read it if it wanted to.
    expect(seen).toEqual(['']);
    expect(postsTo(GUILD_CHANNEL_ID, from)).toEqual([]);
  });
});

describe('channel permissions', () => {
  it('where the bot may not post, a mention gets silence: no request, no error', async () => {
    const from = fake.requests.length;
    sendMessage(fake, `<@${BOT_ID}> Kirow?`, { channelId: READ_ONLY_CHANNEL_ID, user: someone() });
    await settle();
    expect(postsTo(READ_ONLY_CHANNEL_ID, from)).toEqual([]);
    expect(bot.logs.some((line) => line.msg === 'discord: mentioned where it may not post')).toBe(true);
  });

  it('without Embed Links the answer comes as text; without Attach Files, without the picture', async () => {
    // Where everything is allowed, the same question gets an embed and the picture.
    const allowed = fake.requests.length;
    sendMessage(fake, `<@${BOT_ID}> Pokaż mapę`, { user: someone() });
    const full = await channelMessage(fake, GUILD_CHANNEL_ID, allowed);
    expect(full.files).toEqual(['map-pl.png']);
    expect(full.body.embeds?.length).toBeGreaterThan(0);

    const from = fake.requests.length;
    sendMessage(fake, `<@${BOT_ID}> Pokaż mapę`, { channelId: PLAIN_CHANNEL_ID, user: someone() });
    const reply = await channelMessage(fake, PLAIN_CHANNEL_ID, from);
    expect(reply.status).toBe(200);
    expect(reply.body.embeds ?? []).toEqual([]);
    expect(reply.files).toEqual([]);
    expect(reply.body.content?.length ?? 0).toBeGreaterThan(0);

    const card = fake.requests.length;
    sendMessage(fake, `<@${BOT_ID}> Kirow?`, { channelId: PLAIN_CHANNEL_ID, user: someone() });
    const text = await channelMessage(fake, PLAIN_CHANNEL_ID, card);
    expect(text.body.embeds ?? []).toEqual([]);
    expect(text.body.content).toContain('30 czerwca 2008');
  });

  it('a 403 on sending (permissions changed meanwhile) is quiet: no retry, no error, no apology', async () => {
    fake.refuse({
      match: (method, path) => method === 'POST' && path.endsWith(`/channels/${GUILD_CHANNEL_ID}/messages`),
      status: 403,
    });
    const from = fake.requests.length;
    sendMessage(fake, `<@${BOT_ID}> Kirow?`, { user: someone() });
    await settle();
    expect(postsTo(GUILD_CHANNEL_ID, from).map((request) => request.status)).toEqual([403]);
  });
});

describe('the message context menu', () => {
  it('"Ask the Siedlce bot" answers the message’s content', async () => {
    const sent = sendMessageCommand(fake, 'Ask the Siedlce bot', 'Kiedy podpisano umowę z Kirowem?', {
      locale: 'en-GB',
      user: someone(),
    });
    expect(visible((await callbackOf(fake, sent.token)).body.data)).toContain('30 czerwca 2008');
  });

  it('on a message without text (a sticker, a picture) it says so, to the user alone', async () => {
    const sent = sendMessageCommand(fake, 'Ask the Siedlce bot', '', { locale: 'en-GB', user: someone() });
    const data = (await callbackOf(fake, sent.token)).body.data;
    expect(data?.flags).toBe(EPHEMERAL);
    expect(data?.content).toContain('no text');
  });
});

describe('installed by a user', () => {
  it('in a server that did not install the app, the answer is for the user alone', async () => {
    const sent = sendCommand(
      fake,
      'partner',
      { name: 'kirov' },
      { where: 'foreign', locale: 'en-GB', user: someone() },
    );
    const data = (await callbackOf(fake, sent.token)).body.data;
    expect(data?.flags).toBe(EPHEMERAL);
    expect(data?.embeds?.[0]?.title).toContain('Kirov');
  });

  it('in the server that installed it, the answer is public', async () => {
    const sent = sendCommand(fake, 'partner', { name: 'kirov' }, { locale: 'en-GB', user: someone() });
    expect((await callbackOf(fake, sent.token)).body.data?.flags ?? 0).toBe(0);
  });
});
