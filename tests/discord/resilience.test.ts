import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../../src/pictures/index.js';
import { type Assistant, createAssistant } from '../../src/service/assistant.js';
import { realEngine } from '../support/engine.js';
import { memoryState } from '../support/memory-state.js';
import {
  DM_CHANNEL_ID,
  FakeDiscord,
  type Person,
  sendAutocomplete,
  sendCommand,
  sendComponent,
  sendMessage,
} from './fake-discord.js';
import { type Bot, callbackOf, startBot, visible } from './support.js';

const EPHEMERAL = 64;

/** The real Assistant, except that a question containing "boom" fails and one with "slow" takes 300 ms. */
const LIMITED: Person = { id: '830000000000000001', username: 'limited' };
const SILENCED: Person = { id: '830000000000000002', username: 'silenced' };

function troubledAssistant(): Assistant {
  const real = createAssistant({
    engine: realEngine(),
    state: memoryState(),
    // Over the limit: LIMITED is told once, SILENCED is past that (silence).
    rateLimiter: {
      take: async (user) => (user.id === LIMITED.id ? 'refuse' : user.id === SILENCED.id ? 'ignore' : 'allow'),
    },
  });
  return {
    get engine() {
      return real.engine;
    },
    languageFor: (user, locale) => real.languageFor(user, locale),
    chooseLanguage: (user, choice, locale) => real.chooseLanguage(user, choice, locale),
    picture: (reply) => real.picture(reply),
    async ask(question) {
      if (question.text.includes('slow')) await new Promise((resolve) => setTimeout(resolve, 300));
      if (question.text.includes('boom')) throw new Error('the store is down (boom)');
      return real.ask(question);
    },
  };
}

let fake: FakeDiscord;
let bot: Bot;
beforeAll(async () => {
  fake = await new FakeDiscord().start();
  bot = await startBot(fake, { assistant: troubledAssistant(), deferAfterMs: 100 });
});
afterAll(async () => {
  await bot?.stop();
  await fake?.stop();
});

const requestsFor = (token: string) => fake.requests.filter((request) => request.path.includes(`/${token}`));

describe('a handler failure', () => {
  it('gives the user a short ephemeral apology in their language, is logged, and the bot keeps running', async () => {
    const failed = sendCommand(fake, 'ask', { question: 'boom' }, { locale: 'it' });
    const callback = await callbackOf(fake, failed.token);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data?.flags).toBe(EPHEMERAL);
    expect(callback.body.data?.content).toBe('Scusa, qualcosa è andato storto. Riprova tra poco.');
    await fake.waitUntil(
      () => bot.logs.find((line) => line.msg === 'discord: interaction handler failed'),
      'the error in the log',
    );

    const next = sendCommand(fake, 'partner', { name: 'kirov' }, { locale: 'pl' });
    expect(visible((await callbackOf(fake, next.token)).body.data)).toContain('30 czerwca 2008');
  });

  it('after a deferral: the "thinking" message goes and the apology is ephemeral', async () => {
    const failed = sendCommand(fake, 'ask', { question: 'slow boom' }, { locale: 'en-GB' });
    const deferral = await callbackOf(fake, failed.token);
    expect(deferral.body.type).toBe(5);
    const apology = await fake.request(
      (request) => request.method === 'POST' && request.path.endsWith(`/${failed.token}`),
      'the apology follow-up',
    );
    expect(apology.body.flags).toBe(EPHEMERAL);
    expect(apology.body.content).toBe('Sorry, something went wrong. Please try again in a moment.');
    expect(requestsFor(failed.token).map((request) => request.method)).toContain('DELETE');
  });

  it('a failed mention question is answered with the apology in the channel', async () => {
    // Someone who never used a command: no remembered locale, so DEFAULT_LANGUAGE.
    const id = sendMessage(fake, 'boom', { where: 'dm', user: { id: '830000000000000009', username: 'new' } });
    const reply = await fake.request(
      (request) =>
        request.path === `/api/v10/channels/${DM_CHANNEL_ID}/messages` &&
        request.body.message_reference?.message_id === id,
      'the apology message',
    );
    expect(reply.body.content).toBe('Przepraszam, coś poszło nie tak. Spróbuj ponownie za chwilę.');
  });
});

describe('slow work', () => {
  it('is deferred (type 5) and the answer edited into the original message', async () => {
    const sent = sendCommand(fake, 'ask', { question: 'slow: when was the agreement with Kirov signed?' }, {});
    const deferral = await callbackOf(fake, sent.token);
    expect(deferral.body.type).toBe(5);
    const edit = await fake.request(
      (request) => request.method === 'PATCH' && request.path.endsWith(`/${sent.token}/messages/@original`),
      'the edit',
    );
    expect(edit.body.content).toContain('30 June 2008');
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});

describe('pictures', () => {
  it('the map button of a card sends the map as an attachment shown in an embed', { timeout: 30_000 }, async () => {
    const sent = sendComponent(fake, 'ask:partner_info:kirov:map', undefined, { locale: 'en-GB' });
    const withFile = await fake.waitUntil(
      () => requestsFor(sent.token).find((request) => request.files.length > 0),
      'a request with the map',
      25_000,
    );
    const message = withFile.body.data ?? withFile.body;
    const [file] = withFile.files;
    expect(file).toMatch(/^map-en-kirov\.png$/);
    expect(message.embeds?.some((embed) => embed.image?.url === `attachment://${file}`)).toBe(true);
    expect(message.embeds?.[0]?.title).toBe('🇷🇺 Kirov');
    const [upload] = withFile.uploads;
    expect(upload?.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(upload?.bytes ?? Buffer.alloc(0))).toEqual({ width: 1200, height: 900 });
  });

  let drawers = 0;
  it.each([
    ['map', { partner: 'Berdyczów' }, 'pl', 'map-pl-berdychiv.png', 'Miasta partnerskie Siedlec'],
    ['map', {}, 'it', 'map-it.png', 'Città partner di Siedlce'],
    ['timeline', {}, 'en-US', 'timeline-en.png', 'Siedlce partnership agreements over time'],
  ])('/%s %o in %s uploads %s with its title', { timeout: 30_000 }, async (command, options, locale, file, title) => {
    // someone new: no earlier question has set the conversation's language
    const user: Person = { id: String(840000000000000000n + BigInt(++drawers)), username: `drawer${drawers}` };
    const sent = sendCommand(fake, command, options, { locale, user });
    const withFile = await fake.waitUntil(
      () => requestsFor(sent.token).find((request) => request.files.length > 0),
      'a request with the picture',
      25_000,
    );
    expect(withFile.files).toEqual([file]);
    expect(withFile.uploads[0]?.bytes.subarray(1, 4).toString()).toBe('PNG');
    const message = withFile.body.data ?? withFile.body;
    const pictured = message.embeds?.find((embed) => embed.image?.url === `attachment://${file}`);
    expect(pictured?.title ?? pictured?.description ?? '').toContain(title);
  });
});

describe('autocomplete failure', () => {
  it('an unknown command autocompletes to nothing rather than failing', async () => {
    const sent = sendAutocomplete(fake, 'nosuchcommand', 'name', 'x', {});
    const callback = await callbackOf(fake, sent.token);
    expect(callback.body.type).toBe(8);
    expect(callback.body.data?.choices).toEqual([]);
  });
});

describe('the rate limit', () => {
  it('an interaction over the limit gets the notice, only for the user', async () => {
    for (const user of [LIMITED, SILENCED]) {
      const sent = sendCommand(
        fake,
        'ask',
        { question: 'When was the agreement with Kirov signed?' },
        { user, locale: 'en-GB' },
      );
      const callback = await callbackOf(fake, sent.token);
      expect(callback.body.data?.flags).toBe(EPHEMERAL);
      expect(callback.body.data?.content).toBe(realEngine().say('en', 'rateLimited'));
    }
  });

  it('a message over the limit: the notice once, then silence', async () => {
    const told = sendMessage(fake, 'When was the agreement with Kirov signed?', { where: 'dm', user: LIMITED });
    const notice = await fake.request((request) => request.body.message_reference?.message_id === told, 'the notice');
    // The question is not read over the limit, and a DM has no locale: the user's Discord locale
    // remembered from their last command (en-GB above).
    expect(notice.body.content).toBe(realEngine().say('en', 'rateLimited'));
    const ignored = sendMessage(fake, 'When was the agreement with Kirov signed?', { where: 'dm', user: SILENCED });
    const after = sendMessage(fake, 'When was the agreement with Kirov signed?', { where: 'dm' });
    await fake.request((request) => request.body.message_reference?.message_id === after, 'the next answer');
    expect(fake.requests.some((request) => request.body.message_reference?.message_id === ignored)).toBe(false);
  });
});
