import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegram, type TelegramAdapter } from '../../src/adapters/telegram/index.js';
import type { Assistant } from '../../src/service/assistant.js';
import { createRateLimiter, memoryCounter } from '../../src/store/rate-limit.js';
import {
  editedEngine,
  htmlProblems,
  LONG_ACTIVITIES,
  MARKUP,
  silentLogger,
  startEmulator,
  type TelegramServer,
  type TestState,
  testAssistant,
  until,
  visibleText,
} from './support.js';

const TOKEN = 'emulator-token';
const BOT_ID = 666; // the emulator's getMe
const BOT_NAME = 'TestNameBot';

interface SentMessage {
  chat_id: number | string;
  text: string;
  parse_mode?: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
  reply_parameters?: { message_id: number };
}

type Client = ReturnType<TelegramServer['getClient']>;

let emulator: TelegramServer;
let state: TestState;
let adapter: TelegramAdapter;

// Pacing off for the conversations (one message after another in a chat would wait 1 s each);
// the burst below runs with Telegram's real limits.
const start = (
  assistant: Assistant,
  token: string,
  pacing: { perChatIntervalMs?: number } = { perChatIntervalMs: 0 },
) =>
  startTelegram({
    assistant,
    config: { TELEGRAM_TOKEN: token, TELEGRAM_API_ROOT: emulator.config.apiURL, TELEGRAM_WEBHOOK_PORT: 8443 },
    logger: silentLogger(),
    lifecycle: {
      report: () => undefined,
      fatal: (line) => {
        throw new Error(line);
      },
    },
    tuning: { pacing },
  });

beforeAll(async () => {
  emulator = await startEmulator();
  state = testAssistant(undefined, editedEngine());
  adapter = await start(state.assistant, TOKEN);
});

afterAll(async () => {
  await adapter?.stop();
  await emulator?.stop();
  await state?.close();
});

let nextChat = 1;
/** A user in their own private chat (or in a group when `type` says so). */
function client(options: { language?: string; type?: 'private' | 'group'; chatId?: number; userId?: number } = {}) {
  const id = nextChat++;
  const c = emulator.getClient(TOKEN, {
    userId: options.userId ?? id,
    chatId: options.chatId ?? id,
    type: options.type ?? 'private',
    timeout: 15_000,
  });
  const from = {
    id: options.userId ?? id,
    first_name: 'Test',
    username: `user${id}`,
    is_bot: false,
    language_code: options.language,
  };
  return { c, from };
}

/** The bot's messages to this client's chat, waiting for at least one. */
async function replies(c: Client): Promise<SentMessage[]> {
  const updates = await c.getUpdates();
  return updates.result.map((update) => update.message as unknown as SentMessage);
}

async function say(user: ReturnType<typeof client>, text: string, extra: Record<string, unknown> = {}) {
  await user.c.sendMessage(user.c.makeMessage(text, { from: user.from, ...extra }));
  return replies(user.c);
}

async function command(user: ReturnType<typeof client>, text: string) {
  await user.c.sendCommand(user.c.makeCommand(text, { from: user.from }));
  return replies(user.c);
}

const buttonsOf = (message: SentMessage | undefined) => message?.reply_markup?.inline_keyboard.flat() ?? [];

describe('telegram bot on the telegram-test-api emulator', () => {
  it('greets on /start in the user language, with buttons to begin', async () => {
    const user = client({ language: 'en' });
    const [reply, ...more] = await command(user, '/start');
    expect(more).toHaveLength(0);
    expect(reply?.parse_mode).toBe('HTML');
    expect(reply?.text).toMatch(/^Hello!/);
    expect(htmlProblems(reply?.text ?? '')).toEqual([]);
    const buttons = buttonsOf(reply);
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    for (const button of buttons) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);
    expect(buttons.map((button) => button.callback_data)).toContain('q:list_partners:');
  });

  it('lists the partners in date order with a keyboard, and a pressed partner button shows its card', async () => {
    const user = client({ language: 'pl' });
    const [list] = await command(user, '/partners');
    const text = visibleText(list?.text ?? '');
    const order = ['Pescantina', 'Rejon Wileński', 'Dasing', 'Wołkowysk', 'Sabinov', 'Berdyczów', 'Kirow'];
    const positions = order.map((name) => text.indexOf(name));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const data = buttonsOf(list).map((button) => button.callback_data);
    expect(data).toEqual([
      'q:partner_info:pescantina',
      'q:partner_info:vilnius-district',
      'q:partner_info:dasing',
      'q:partner_info:vawkavysk',
      'q:partner_info:sabinov',
      'q:partner_info:berdychiv',
      'q:partner_info:kirov',
    ]);

    await user.c.sendCallback(user.c.makeCallbackQuery('q:partner_info:sabinov', { from: user.from }));
    const [card] = await replies(user.c);
    const cardText = visibleText(card?.text ?? '');
    expect(card?.text).toContain('<b>Sabinov</b>');
    expect(cardText).toContain('24 maja 2001');
    expect(cardText).toContain('Słowacja');
    expect(htmlProblems(card?.text ?? '')).toEqual([]);
    expect(buttonsOf(card).map((button) => button.callback_data)).toContain('loc:sabinov');
  });

  it('shows a card for /partner with a misspelt name', async () => {
    const user = client({ language: 'pl' });
    const [card] = await command(user, '/partner sabinow');
    const text = visibleText(card?.text ?? '');
    expect(text).toMatch(/^🇸🇰 Sabinov/);
    for (const field of [
      'Kraj: Słowacja',
      'Umowa podpisana: 24 maja 2001',
      'Dziedziny współpracy:',
      'Cel porozumienia:',
    ]) {
      expect(text).toContain(field);
    }
  });

  it('answers free questions in pl, it and en, and a follow-up in the same chat', async () => {
    const pl = client({ language: 'pl' });
    expect(visibleText((await say(pl, 'Kiedy podpisano umowę z Kirowem?'))[0]?.text ?? '')).toContain(
      '30 czerwca 2008',
    );
    const it_ = client({ language: 'it' });
    expect(visibleText((await say(it_, "Quando è stato firmato l'accordo con Kirov?"))[0]?.text ?? '')).toContain(
      '30 giugno 2008',
    );
    const en = client({ language: 'en' });
    expect(visibleText((await say(en, 'When was the agreement with Dasing signed?'))[0]?.text ?? '')).toContain(
      '26 July 1998',
    );
    // The follow-up names only the partner; the question comes from the conversation.
    expect(visibleText((await say(en, 'And with Kirov?'))[0]?.text ?? '')).toContain('30 June 2008');
    // No language in the words: language_code decides.
    const italianHint = client({ language: 'it' });
    expect(visibleText((await say(italianHint, 'Dasing'))[0]?.text ?? '')).toContain('Germania');
  });

  it('answers in a group only when mentioned or replied to', async () => {
    const groupId = -1001;
    const alice = client({ type: 'group', chatId: groupId, language: 'en' });
    await alice.c.sendMessage(alice.c.makeMessage('When was the agreement with Kirov signed?', { from: alice.from }));
    // Not addressed: nothing. Then a mention: exactly one answer, to the mentioning message.
    await alice.c.sendMessage(
      alice.c.makeMessage(`@${BOT_NAME} when was the agreement with Dasing signed?`, { from: alice.from }),
    );
    const [answer, ...others] = await replies(alice.c);
    expect(others).toHaveLength(0);
    expect(visibleText(answer?.text ?? '')).toContain('26 July 1998');
    expect(visibleText(answer?.text ?? '')).not.toContain('2008');
    expect(answer?.reply_parameters?.message_id).toEqual(expect.any(Number));

    // A reply to one of the bot's messages is addressed to it too.
    const [followUp] = await say(alice, 'and Kirov?', {
      reply_to_message: {
        message_id: 1,
        date: 0,
        chat: { id: groupId, type: 'group' },
        from: { id: BOT_ID, is_bot: true },
      },
    });
    expect(visibleText(followUp?.text ?? '')).toContain('30 June 2008');
  });

  it('escapes markup from the data and the question: valid HTML that shows the characters', async () => {
    const user = client({ language: 'en' });
    const [card, ...more] = await command(user, '/partner Kirov');
    for (const message of [card, ...more]) expect(htmlProblems(message?.text ?? '')).toEqual([]);
    // Telegram shows the characters themselves, not tags.
    expect(visibleText([card, ...more].map((message) => message?.text).join('\n'))).toContain(MARKUP);
    const replies_ = await say(user, '<b>&</b> When was the agreement with Kirov signed? <script>alert(1)</script>');
    for (const reply of replies_) expect(htmlProblems(reply.text)).toEqual([]);
    expect(visibleText(replies_[0]?.text ?? '')).toContain('30 June 2008');
  });

  it('a card longer than 4096 characters comes in several messages Telegram accepts, losing nothing', async () => {
    const user = client({ language: 'en' });
    await user.c.sendCommand(user.c.makeCommand('/partner Dasing', { from: user.from }));
    const messages = await until(
      () => {
        const all = emulator.storage.botMessages.filter(
          (update) => update.botToken === TOKEN && Number(update.message.chat_id) === user.from.id,
        );
        // The parts come a second apart (Telegram's pace for one chat): wait for the one with the end.
        const arrived = all.map((update) => visibleText(String(update.message.text))).join('\n');
        return all.length >= 2 && arrived.includes(`end ${LONG_ACTIVITIES}.`) && all;
      },
      10_000,
      'the card in several messages, to its last activity',
    );
    const texts = messages.map((update) => String(update.message.text));
    for (const text of texts) {
      expect(visibleText(text).length).toBeLessThanOrEqual(4096);
      expect(htmlProblems(text)).toEqual([]);
    }
    const whole = texts.map(visibleText).join('\n');
    for (let index = 1; index <= LONG_ACTIVITIES; index++) expect(whole).toContain(`end ${index}.`);
    // A 10,000-character question is read (clipped) and answered within the limits too.
    const long = `${'Siedlce & <partners> '.repeat(476)}When was the agreement with Kirov signed?`;
    for (const message of await say(client({ language: 'en' }), long)) {
      expect(visibleText(message.text).length).toBeLessThanOrEqual(4096);
      expect(htmlProblems(message.text)).toEqual([]);
    }
  });

  it('remembers a language chosen with /lang, editing the menu into the confirmation', async () => {
    const user = client({ language: 'pl' });
    await user.c.sendCommand(user.c.makeCommand('/lang', { from: user.from }));
    const [menuUpdate] = (await user.c.getUpdates()).result;
    const menu = menuUpdate?.message as unknown as SentMessage;
    expect(
      buttonsOf(menu)
        .map((button) => button.callback_data)
        .sort(),
    ).toEqual(['lang:auto', 'lang:en', 'lang:it', 'lang:pl']);
    const edited = emulator.waitBotEdits();
    await user.c.sendCallback(
      user.c.makeCallbackQuery('lang:it', { from: user.from, message: { message_id: menuUpdate?.messageId } }),
    );
    await edited;
    const stored = emulator.storage.botMessages.find((update) => update.messageId === menuUpdate?.messageId);
    expect(stored?.message.text).toBe('Lingua delle risposte: italiano.');
    expect((stored?.message.reply_markup as { inline_keyboard: unknown[] } | undefined)?.inline_keyboard).toEqual([]);
    expect(visibleText((await say(user, 'Kiedy podpisano umowę z Kirowem?'))[0]?.text ?? '')).toContain(
      '30 giugno 2008',
    );
    await command(user, '/lang auto');
    expect(visibleText((await say(user, 'Kiedy podpisano umowę z Kirowem?'))[0]?.text ?? '')).toContain(
      '30 czerwca 2008',
    );
  });
});

describe('a burst of 500 messages from 50 users', () => {
  it('answers every one or politely rate-limits it, and keeps running', async () => {
    const token = 'burst-token';
    // The real limiter: 5 questions a minute, the 6th refused politely, the rest ignored.
    const burst = testAssistant(createRateLimiter({ counter: memoryCounter(), limit: 5, windowMs: 60_000 }));
    let asked = 0;
    const counted: Assistant = {
      ...burst.assistant,
      ask: async (question) => {
        try {
          return await burst.assistant.ask(question);
        } finally {
          asked++;
        }
      },
    };
    const bot = await start(counted, token, {});
    try {
      const questions = [
        ['pl', 'Kiedy podpisano umowę z Kirowem?', '30 czerwca 2008'],
        ['it', "Quando è stato firmato l'accordo con Kirov?", '30 giugno 2008'],
        ['en', 'When was the agreement with Kirov signed?', '30 June 2008'],
      ] as const;
      const users = Array.from({ length: 50 }, (_, index) => {
        const [language, text, expected] = questions[index % 3] ?? questions[0];
        const id = 5000 + index;
        const c = emulator.getClient(token, { userId: id, chatId: id, timeout: 30_000 });
        const from = { id, first_name: 'Burst', username: `burst${id}`, is_bot: false, language_code: language };
        return { id, c, from, text, expected, language };
      });
      await Promise.all(
        users.flatMap((user) =>
          Array.from({ length: 10 }, () => user.c.sendMessage(user.c.makeMessage(user.text, { from: user.from }))),
        ),
      );
      await until(() => asked === 500, 30_000, '500 questions handled');
      const sent = await until(
        () => {
          const messages = emulator.storage.botMessages.filter((update) => update.botToken === token);
          return messages.length >= 300 && messages;
        },
        15_000,
        '300 bot messages',
      );
      expect(sent).toHaveLength(300);
      const limited = {
        pl: 'Za dużo pytań',
        it: 'Troppe domande',
        en: 'Too many questions',
      };
      for (const user of users) {
        const texts = sent
          .filter((update) => Number(update.message.chat_id) === user.id)
          .map((update) => update.message.text);
        expect(texts).toHaveLength(6);
        expect(texts.filter((text) => visibleText(text).includes(user.expected))).toHaveLength(5);
        expect(texts.filter((text) => text.startsWith(limited[user.language]))).toHaveLength(1);
      }
      expect(bot.healthy()).toBe(true);
    } finally {
      await bot.stop();
      await burst.close();
    }
    // The main bot, polling all along, still answers.
    const after = client({ language: 'en' });
    expect(visibleText((await say(after, 'When was the agreement with Kirov signed?'))[0]?.text ?? '')).toContain(
      '30 June 2008',
    );
  });
});
