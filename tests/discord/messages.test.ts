import { describe, expect, it } from 'vitest';
import {
  BOT_ID,
  DM_CHANNEL_ID,
  type FakeDiscord,
  GUILD_CHANNEL_ID,
  type Person,
  type RecordedRequest,
  sendCommand,
  sendMessage,
} from './fake-discord.js';
import { type Bot, callbackOf, useBotOnFakeDiscord, visible } from './support.js';

let fake: FakeDiscord;
let bot: Bot;
useBotOnFakeDiscord((started, running) => {
  fake = started;
  bot = running;
});

let people = 0;
const someone = (): Person => ({ id: String(820000000000000000n + BigInt(++people)), username: `user${people}` });

/** Sends a message and waits for the bot's reply to it (a channel message referencing it). */
async function ask(
  content: string,
  options: { where?: 'guild' | 'dm'; user?: Person; everyone?: boolean } = {},
): Promise<RecordedRequest> {
  const id = sendMessage(fake, content, options);
  const channel = (options.where ?? 'guild') === 'guild' ? GUILD_CHANNEL_ID : DM_CHANNEL_ID;
  const reply = await fake.request(
    (request) =>
      request.method === 'POST' &&
      request.path === `/api/v10/channels/${channel}/messages` &&
      request.body.message_reference?.message_id === id,
    `the reply to "${content.slice(0, 40)}"`,
  );
  expect(reply.authorization).toBe('Bot fake-token');
  expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  expect(reply.body.message_reference?.fail_if_not_exists).toBe(false);
  expect((reply.body.content ?? '').length).toBeLessThanOrEqual(2000);
  return reply;
}

const mention = `<@${BOT_ID}>`;

const CONVERSATIONS = [
  {
    language: 'pl',
    first: 'Kiedy podpisano umowę z Kirowem?',
    answer: '30 czerwca 2008',
    followUp: 'A z Dasing?',
    followUpAnswer: '26 lipca 1998',
  },
  {
    language: 'it',
    first: "Quando è stato firmato l'accordo con Kirov?",
    answer: '30 giugno 2008',
    followUp: 'E con Dasing?',
    followUpAnswer: '26 luglio 1998',
  },
  {
    language: 'en',
    first: 'When was the agreement with Kirov signed?',
    answer: '30 June 2008',
    followUp: 'And Dasing?',
    followUpAnswer: '26 July 1998',
  },
] as const;

describe.each(CONVERSATIONS)('questions in $language', (conversation) => {
  it('by mention in a server, then a follow-up in the same channel', async () => {
    const user = someone();
    const first = await ask(`${mention} ${conversation.first}`, { user });
    expect(first.body.content).toContain(conversation.answer);
    const second = await ask(`${mention} ${conversation.followUp}`, { user });
    expect(second.body.content).toContain(conversation.followUpAnswer);
  });

  it('in a DM, then a follow-up', async () => {
    const user = someone();
    const first = await ask(conversation.first, { where: 'dm', user });
    expect(first.body.content).toContain(conversation.answer);
    const second = await ask(conversation.followUp, { where: 'dm', user });
    expect(second.body.content).toContain(conversation.followUpAnswer);
  });
});

describe('what the bot answers to', () => {
  it('ignores a server message that does not mention it, even with @everyone', async () => {
    const user = someone();
    const ignored = sendMessage(fake, '@everyone Kiedy podpisano umowę z Kirowem?', {
      user,
      mentionBot: false,
      everyone: true,
    });
    const answered = await ask(`${mention} Jakie są miasta partnerskie Siedlec?`, { user });
    expect(answered.body.embeds?.[0]?.title).toBe('Miasta partnerskie Siedlec');
    expect(fake.requests.some((request) => request.body.message_reference?.message_id === ignored)).toBe(false);
  });

  it('help asked by mention shows the slash commands, not the terminal ones', async () => {
    const reply = await ask(`${mention} pomoc`, { user: someone() });
    const text = visible(reply.body);
    expect(text).toMatch(/<\/partners:\d+>/);
    expect(text).not.toContain('/lang ');
  });

  it('a list asked by mention comes as an embed with the partner menu', async () => {
    const reply = await ask(`${mention} What are the partner cities of Siedlce?`, { user: someone() });
    expect(reply.body.components?.[0]?.components?.[0]?.custom_id).toBe('card');
  });

  it('two users in one channel keep their own conversations', async () => {
    const [anna, ben] = [someone(), someone()];
    await ask(`${mention} When was the agreement with Kirov signed?`, { user: anna });
    await ask(`${mention} Kiedy podpisano umowę z Sabinowem?`, { user: ben });
    const follow = await ask(`${mention} And Dasing?`, { user: anna });
    expect(follow.body.content).toContain('26 July 1998');
  });
});

describe('limits and mentions', () => {
  it('@everyone in a question: the reply carries allowed_mentions.parse = []', async () => {
    const reply = await ask(`${mention} @everyone @here <@&123> When was the agreement with Kirov signed?`, {
      user: someone(),
      everyone: true,
    });
    expect(reply.body.allowed_mentions?.parse).toEqual([]);
    expect(reply.body.content).toContain('30 June 2008');
  });

  it('a 10,000-character question gets a valid reply within the limits', async () => {
    const question = `${mention} When was the agreement with Kirov signed? ${'and what about the partners '.repeat(360)}`;
    expect(question.length).toBeGreaterThan(10_000);
    const reply = await ask(question, { user: someone() });
    const text = visible(reply.body);
    expect(text.length).toBeGreaterThan(0);
    expect((reply.body.content ?? '').length).toBeLessThanOrEqual(2000);
    for (const embed of reply.body.embeds ?? []) expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
    expect(visible({ embeds: reply.body.embeds ?? [] }).length).toBeLessThanOrEqual(6000);
  });

  it('a 10,000-character DM of one word is answered too', async () => {
    const reply = await ask('x'.repeat(10_000), { where: 'dm', user: someone() });
    expect((reply.body.content ?? '').length).toBeGreaterThan(0);
  });
});

describe('the gateway closing the socket mid-session', () => {
  it('resumes and still answers messages and interactions', async () => {
    const sockets = fake.connections.length;
    fake.drop(0, 4000);
    await fake.waitUntil(() => (fake.resumes > 0 ? true : undefined), 'a RESUME');
    expect(fake.connections.length).toBe(sockets + 1);
    await fake.ready(1);
    const reply = await ask(`${mention} When was the agreement with Kirov signed?`, { user: someone() });
    expect(reply.body.content).toContain('30 June 2008');
    const sent = sendCommand(fake, 'partner', { name: 'kirov' }, { locale: 'en-GB' });
    const callback = await callbackOf(fake, sent.token);
    expect(visible(callback.body.data)).toContain('30 June 2008');
    await fake.waitUntil(() => (bot.adapter.healthy() ? true : undefined), 'healthy again');
  });
});
