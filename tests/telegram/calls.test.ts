import type { Update } from 'telegraf/types';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../src/adapters/telegram/bot.js';
import { memoryProfile, profileCalls, startProfile } from '../../src/adapters/telegram/profile.js';
import type { Engine } from '../../src/engine/index.js';
import type { Assistant } from '../../src/service/assistant.js';
import { type FakeBotApi, startFakeBotApi } from './fake-bot-api.js';
import { botOnFakeApi } from './on-fake-api.js';
import { silentLogger, type TestState, testAssistant, visibleText } from './support.js';
import { callback, inlineQuery, memoryLogger, numbered, text, type UpdateBody } from './updates.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NO_PACING = { perChatIntervalMs: 0 };

async function setup(
  options: { assistant?: (state: TestState) => Assistant; logger?: ReturnType<typeof silentLogger> } = {},
) {
  const { api, bot, state } = await botOnFakeApi(cleanups, {
    ...options,
    pacing: NO_PACING,
    menuLimit: { count: 5, windowMs: 60_000 },
  });
  const handle = (body: UpdateBody) => bot.handleUpdate(numbered(body) as Update);
  return { api, bot, state, handle };
}

const methods = (api: FakeBotApi) => api.calls.map((call) => call.method);
const sent = (api: FakeBotApi) => api.callsOf('sendMessage').map((call) => visibleText(String(call.body.text)));
const KIROV = 'When was the agreement with Kirov signed?';

describe('every message gets a sensible reply', () => {
  it('a photo’s caption is read like text', async () => {
    const { api, handle } = await setup();
    const body = text('', { id: 7, language: 'en' }) as unknown as { message: Record<string, unknown> };
    delete body.message.text;
    body.message.photo = [{ file_id: 'p', file_unique_id: 'p', width: 1, height: 1 }];
    body.message.caption = KIROV;
    await handle(body as unknown as UpdateBody);
    expect(sent(api)[0]).toContain('30 June 2008');
  });

  it('a sticker, a voice note or a location gets one short localized hint with example buttons', async () => {
    const { api, handle } = await setup();
    for (const extra of [
      {
        sticker: {
          file_id: 's',
          file_unique_id: 's',
          type: 'regular',
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      },
      { voice: { file_id: 'v', file_unique_id: 'v', duration: 2 } },
      { location: { latitude: 52.17, longitude: 22.29 } },
    ]) {
      const body = text('', { id: 7, language: 'pl' }) as unknown as { message: Record<string, unknown> };
      delete body.message.text;
      Object.assign(body.message, extra);
      await handle(body as unknown as UpdateBody);
    }
    const hints = api.callsOf('sendMessage');
    expect(hints).toHaveLength(3);
    for (const hint of hints) {
      expect(hint.body.text).toBe('Czytam tylko tekst. Zapytaj mnie o miasta partnerskie Siedlec, na przykład:');
      const keyboard = (
        hint.body.reply_markup as { inline_keyboard: { callback_data: string }[][] }
      ).inline_keyboard.flat();
      expect(keyboard.length).toBeGreaterThan(0);
      for (const button of keyboard) expect(button.callback_data).toMatch(/^q:/);
    }
  });

  it('an edited question is answered again by editing the earlier answer', async () => {
    const { api, handle } = await setup();
    const question = text(KIROV) as unknown as { message: { message_id: number; text: string } };
    await handle(question as unknown as UpdateBody);
    const [answer] = api.callsOf('sendMessage');
    expect(visibleText(String(answer?.body.text))).toContain('30 June 2008');
    await handle({
      edited_message: { ...question.message, text: 'When was the agreement with Dasing signed?', edit_date: 1 },
    } as unknown as UpdateBody);
    const edits = api.callsOf('editMessageText');
    expect(edits).toHaveLength(1);
    expect(edits[0]?.body.message_id).toBe(1);
    expect(visibleText(String(edits[0]?.body.text))).toContain('26 July 1998');
    expect(api.callsOf('sendMessage')).toHaveLength(1);
  });

  it('an edited question whose answer cannot be edited (a photo, deleted) gets a new answer', async () => {
    const { api, handle } = await setup();
    const question = text(KIROV) as unknown as { message: { message_id: number; text: string } };
    await handle(question as unknown as UpdateBody);
    api.fail('editMessageText', { status: 400, description: 'Bad Request: message to edit not found' });
    await handle({
      edited_message: { ...question.message, text: 'When was the agreement with Dasing signed?', edit_date: 1 },
    } as unknown as UpdateBody);
    expect(sent(api)).toHaveLength(2);
    expect(sent(api)[1]).toContain('26 July 1998');
  });

  it('anonymous admins are keyed by sender_chat, not all as GroupAnonymousBot', async () => {
    const asked: string[] = [];
    const { handle } = await setup({
      assistant: (state) => ({
        ...state.assistant,
        get engine() {
          return state.assistant.engine;
        },
        ask: (question) => {
          asked.push(`${question.user.id}|${question.session}`);
          return state.assistant.ask(question);
        },
      }),
    });
    const anonymous = { id: 1087968824, language: undefined };
    await handle(
      text(`@SiedlceBot ${KIROV}`, anonymous, -100, { sender_chat: { id: -100, type: 'supergroup', title: 'A' } }),
    );
    await handle(
      text(`@SiedlceBot ${KIROV}`, anonymous, -200, { sender_chat: { id: -200, type: 'supergroup', title: 'B' } }),
    );
    expect(asked).toEqual(['-100|telegram:-100:-100', '-200|telegram:-200:-200']);
  });

  it('a channel post that mentions the bot is answered in the channel, keyed by the channel', async () => {
    const { api, handle } = await setup();
    const post = text(`@SiedlceBot ${KIROV}`, { id: 1 }, -500) as unknown as { message: Record<string, unknown> };
    const { from: _nobody, ...rest } = post.message;
    const body = {
      ...rest,
      chat: { id: -500, type: 'channel', title: 'Siedlce news' },
      sender_chat: { id: -500, type: 'channel', title: 'Siedlce news' },
    };
    await handle({ channel_post: body } as unknown as UpdateBody);
    await handle({
      channel_post: { ...body, message_id: 999, text: 'A post not for the bot' },
    } as unknown as UpdateBody);
    const answers = api.callsOf('sendMessage');
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body.chat_id).toBe(-500);
    expect(answers[0]?.body.reply_parameters).toBeUndefined();
    expect(visibleText(String(answers[0]?.body.text))).toContain('30 June 2008');
  });

  it('commands match in any case, and a command for another bot is left alone', async () => {
    const { api, handle } = await setup();
    await handle(text('/PARTNERS', { id: 7, language: 'pl' }));
    await handle(text('/Help@siedlcebot', { id: 7, language: 'pl' }));
    await handle(text('/help@OtherBot', { id: 9, language: 'pl' }, -300));
    const texts = sent(api);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain('Kirow');
    expect(api.callsOf('sendMessage').every((call) => call.body.chat_id === 7)).toBe(true);
  });

  it('/settings opens the language choice, /privacy says what is stored and for how long', async () => {
    const { api, handle } = await setup();
    await handle(text('/settings', { id: 7, language: 'en' }));
    const keyboard = (
      api.callsOf('sendMessage')[0]?.body.reply_markup as { inline_keyboard: { callback_data: string }[][] } | undefined
    )?.inline_keyboard
      .flat()
      .map((button) => button.callback_data);
    expect(keyboard?.sort()).toEqual(['lang:auto', 'lang:en', 'lang:it', 'lang:pl']);
    await handle(text('/privacy', { id: 7, language: 'en' }));
    const privacy = sent(api)[1] ?? '';
    expect(privacy).toContain('for 30 minutes');
    expect(privacy).toContain('for 90 days');
    expect(privacy).toContain('/lang');
  });

  it('menus go through a rate limit too: over it, refused once, then silence', async () => {
    const { api, handle } = await setup();
    for (let index = 0; index < 10; index++) await handle(text('/about', { id: 7, language: 'en' }));
    const texts = sent(api);
    expect(texts).toHaveLength(6);
    expect(texts[5]).toMatch(/^Too many questions/);
    for (let index = 0; index < 10; index++) await handle(callback('loc:kirov', { id: 8, language: 'en' }));
    expect(api.callsOf('sendVenue')).toHaveLength(5);
    expect(api.callsOf('answerCallbackQuery')).toHaveLength(10);
  });

  it('the apology does not need the store: it speaks the update’s language_code', async () => {
    const { logger, has } = memoryLogger();
    const { api, handle } = await setup({
      logger,
      assistant: (state) => ({
        ...state.assistant,
        get engine() {
          return state.assistant.engine;
        },
        ask: async () => {
          throw new Error('store down');
        },
        languageFor: async () => {
          throw new Error('store down');
        },
      }),
    });
    await handle(text('Kiedy podpisano umowę z Kirowem?', { id: 7, language: 'it' }));
    expect(has('telegram: update failed')).toBe(true);
    expect(sent(api)).toEqual(['Scusa, qualcosa è andato storto. Riprova tra poco.']);
  });

  it('a chat that blocked the bot (403) is logged and skipped, no apology', async () => {
    const { logger, lines } = memoryLogger();
    const { api, handle } = await setup({ logger });
    api.failAlways('sendMessage', { status: 403, description: 'Forbidden: bot was blocked by the user' });
    await handle(text(KIROV));
    expect(methods(api)).toEqual(['sendMessage']);
    expect(lines.some((line) => line.msg === 'telegram: chat refuses messages, skipped' && line.chat === 7)).toBe(true);
  });
});

describe('buttons that edit', () => {
  it('/lang: a choice in private edits the menu into the confirmation and removes the keyboard', async () => {
    const { api, handle } = await setup();
    await handle(callback('lang:it', { id: 7, language: 'pl' }, 7, 55));
    expect(methods(api)).toEqual(['answerCallbackQuery', 'editMessageText']);
    expect(api.calls[1]?.body).toMatchObject({
      chat_id: 7,
      message_id: 55,
      text: 'Lingua delle risposte: italiano.',
      reply_markup: { inline_keyboard: [] },
    });
    await handle(text('Kiedy podpisano umowę z Kirowem?', { id: 7, language: 'pl' }));
    expect(sent(api)[0]).toContain('30 giugno 2008');
  });

  it('/lang in a group: the presser gets a toast, the menu stays for the others', async () => {
    const { api, handle } = await setup();
    await handle(callback('lang:en', { id: 7, language: 'pl' }, -100, 56));
    expect(methods(api)).toEqual(['answerCallbackQuery']);
    expect(api.calls[0]?.body.text).toBe('Reply language: English.');
  });

  it('a stale or forged button gets a localized toast and does nothing else', async () => {
    const { api, handle } = await setup();
    await handle(callback('q:drop_tables:../../etc', { id: 7, language: 'pl' }));
    await handle(callback('loc:paris', { id: 7, language: 'en' }));
    await handle(callback('lang:de', { id: 7, language: 'it' }));
    expect(methods(api)).toEqual(['answerCallbackQuery', 'answerCallbackQuery', 'answerCallbackQuery']);
    expect(api.calls.map((call) => call.body.text)).toEqual([
      'Ten przycisk jest już nieaktualny. Zapytaj jeszcze raz.',
      'This button is out of date. Please ask again.',
      'Questo pulsante non è più valido. Chiedi di nuovo.',
    ]);
  });

  it('a suggestion button asks the assistant; the location button sends a venue with the partner’s name', async () => {
    const { api, handle } = await setup();
    await handle(callback('q:signing_date:kirov', { id: 7, language: 'pl' }));
    expect(methods(api)).toEqual(['answerCallbackQuery', 'sendMessage']);
    expect(sent(api)[0]).toContain('30 czerwca 2008');
    await handle(callback('loc:kirov', { id: 7, language: 'pl' }));
    const venue = api.callsOf('sendVenue')[0]?.body;
    expect(venue).toMatchObject({ chat_id: 7, latitude: 58.6, longitude: 49.683 });
    expect(String(venue?.title)).toContain('Kirow');
    expect(String(venue?.address)).toContain('Rosja');
  });
});

describe('inline mode', () => {
  it('results carry flag thumbnails, an "open in the bot" deep link, and are personal', async () => {
    const { api, handle } = await setup();
    await handle(inlineQuery('kirov', { id: 7, language: 'it' }));
    const body = api.callsOf('answerInlineQuery')[0]?.body ?? {};
    expect(body.is_personal).toBe(true);
    const [result] = body.results as {
      id: string;
      thumbnail_url: string;
      input_message_content: { message_text: string; parse_mode: string };
      reply_markup: { inline_keyboard: { text: string; url: string }[][] };
    }[];
    expect(result?.id).toBe('kirov');
    expect(result?.thumbnail_url).toBe('https://flagcdn.com/w80/ru.png');
    expect(result?.reply_markup.inline_keyboard[0]?.[0]).toEqual({
      text: 'Apri nel bot',
      url: 'https://t.me/SiedlceBot?start=kirov',
    });
    expect(visibleText(result?.input_message_content.message_text ?? '')).toContain('30 giugno 2008');
  });

  it('the deep link opens that partner’s card', async () => {
    const { api, handle } = await setup();
    await handle(text('/start vilnius-district', { id: 7, language: 'en' }));
    expect(sent(api)[0]).toMatch(/Vilnius/);
  });
});

describe('a localized profile', () => {
  it('commands, the group menu, description and short description in every language', () => {
    const state = testAssistant();
    cleanups.push(() => state.close());
    const calls = profileCalls(state.assistant.engine);
    expect(calls).toHaveLength(12);
    const codes = new Set(calls.map((call) => call.payload.language_code ?? 'default'));
    expect([...codes].sort()).toEqual(['default', 'it', 'pl']);
    const group = calls.find(
      (call) =>
        call.method === 'setMyCommands' &&
        (call.payload.scope as { type: string }).type === 'all_group_chats' &&
        call.payload.language_code === 'pl',
    );
    const privateMenu = calls.find(
      (call) =>
        call.method === 'setMyCommands' &&
        (call.payload.scope as { type: string }).type === 'default' &&
        call.payload.language_code === 'pl',
    );
    const names = (call: typeof group) =>
      ((call?.payload.commands ?? []) as { command: string }[]).map((command) => command.command);
    expect(names(group).length).toBeLessThan(names(privateMenu).length);
    expect(names(privateMenu)).toEqual(expect.arrayContaining(['settings', 'privacy', 'lang']));
    for (const call of calls) {
      if (call.method !== 'setMyCommands') continue;
      for (const { command, description } of call.payload.commands as { command: string; description: string }[]) {
        expect(command).toMatch(/^[a-z0-9_]{1,32}$/);
        expect(description.length).toBeGreaterThan(0);
        expect(description.length).toBeLessThanOrEqual(256);
      }
    }
    const short = calls.filter((call) => call.method === 'setMyShortDescription');
    for (const call of short) expect(String(call.payload.short_description).length).toBeLessThanOrEqual(120);
    expect(
      calls.find((call) => call.method === 'setMyDescription' && call.payload.language_code === 'pl')?.payload
        .description,
    ).toMatch(/^Odpowiadam/);
  });

  it('is registered in the background only when it changed, and again after a reload', async () => {
    const { api, bot, state } = await botOnFakeApi(cleanups);
    const memory = memoryProfile();
    let engine: Engine = state.assistant.engine;
    const options = {
      telegram: bot.telegram,
      engine: () => engine,
      memory,
      logger: silentLogger(),
      token: api.token,
      checkEveryMs: 50,
    };
    const first = startProfile(options);
    expect(await first.sync()).toBe('registered');
    expect(api.calls.length).toBe(12);
    expect(await first.sync()).toBe('unchanged');
    first.stop();
    // A restart with the same profile: nothing to register.
    const second = startProfile(options);
    expect(await second.sync()).toBe('unchanged');
    expect(api.calls.length).toBe(12);
    // A reloaded engine with a changed sentence: registered again, by the periodic check.
    const original = engine;
    const changed: Engine = {
      ...original,
      languages: original.languages,
      defaultLanguage: original.defaultLanguage,
      say: (language, key, values) => (key === 'telegram.shortDescription' ? 'x' : original.say(language, key, values)),
    };
    engine = changed;
    // The periodic check runs every 50 ms; on a loaded machine it may take a few of them.
    for (const until = Date.now() + 5000; api.calls.length < 24 && Date.now() < until; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(api.calls.length).toBe(24);
    second.stop();
  });

  it('a Bot API that refuses the profile is logged; the bot works without one', async () => {
    const api = await startFakeBotApi();
    const state = testAssistant();
    cleanups.push(
      () => api.close(),
      () => state.close(),
    );
    const { logger, has } = memoryLogger();
    api.failAlways('setMyCommands', { status: 400, description: 'Bad Request: not supported' });
    const bot = createTelegramBot({ assistant: state.assistant, logger, token: api.token, apiRoot: api.url });
    const profile = startProfile({
      telegram: bot.telegram,
      engine: () => state.assistant.engine,
      memory: memoryProfile(),
      logger,
      token: api.token,
      checkEveryMs: 10_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await profile.sync()).toBe('failed');
    expect(has('telegram: could not register the profile (commands, descriptions); will try again')).toBe(true);
    profile.stop();
  });
});

// The first picture loads the map shapes and the font: slow on a busy machine, never wrong.
describe('pictures', { timeout: 90_000 }, () => {
  it('/map: "upload_photo" while drawing, the text as the caption, then the same picture resent by file_id', async () => {
    const { api, handle } = await setup();
    await handle(text('/map', { id: 7, language: 'pl' }));
    expect(methods(api)).toEqual(['sendChatAction', 'sendPhoto']);
    expect(api.calls[0]?.body.action).toBe('upload_photo');
    const photo = api.calls[1]?.body ?? {};
    expect(visibleText(String(photo.caption))).toContain('Kirow');
    expect(photo.parse_mode).toBe('HTML');
    expect(photo.reply_markup).toBeDefined();
    expect((photo.photo as { filename: string }).filename).toBe('map-pl.png');
    await handle(text('/map', { id: 8, language: 'pl' }));
    expect(api.callsOf('sendPhoto')[1]?.body.photo).toBe('photo-1');
  });

  it('a reply too long for a caption: the text first, then the picture with its title', async () => {
    const { api, handle } = await setup();
    await handle(text('/map Kirov', { id: 7, language: 'pl' }));
    expect(methods(api)).toEqual(['sendMessage', 'sendChatAction', 'sendPhoto']);
    expect(visibleText(String(api.calls[0]?.body.text)).length).toBeGreaterThan(1024);
    expect(api.callsOf('sendPhoto')[0]?.body.caption).toBe('Miasta partnerskie Siedlec');
    expect((api.callsOf('sendPhoto')[0]?.body.photo as { filename: string } | undefined)?.filename).toBe(
      'map-pl-kirov.png',
    );
  });

  it('a failing sendPhoto is logged and the text is sent instead', async () => {
    const { logger, has } = memoryLogger();
    const { api, handle } = await setup({ logger });
    api.failAlways('sendPhoto', { status: 400, description: 'Bad Request: no photos' });
    await handle(text('/map', { id: 7, language: 'en' }));
    expect(methods(api)).toEqual(['sendChatAction', 'sendPhoto', 'sendMessage']);
    expect(has('telegram: could not send a picture')).toBe(true);
  });
});
