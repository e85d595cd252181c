import type { Update } from 'telegraf/types';

/** A log that keeps its lines, to assert what was logged. */
export { memoryLogger } from '../support/log.js';

let nextId = 1;
let nextMessage = 1;

export interface Person {
  id: number;
  language?: string;
}

export const user = ({ id, language }: Person) => ({
  id,
  is_bot: false as const,
  first_name: 'Ada',
  ...(language ? { language_code: language } : {}),
});

const chatOf = (chat: number) =>
  chat < 0
    ? { id: chat, type: 'supergroup' as const, title: 'Siedlce fans' }
    : { id: chat, type: 'private' as const, first_name: 'Ada' };

/** The body of an update, without update_id (the fake Bot API numbers them). */
export type UpdateBody = Omit<Update, 'update_id'> & Record<string, unknown>;

/** A text message; `/word` at the start is marked as a command, as Telegram does. */
export function text(
  body: string,
  person: Person = { id: 7, language: 'en' },
  chat = person.id,
  extra: Record<string, unknown> = {},
): UpdateBody {
  const command = /^\/\S+/.exec(body);
  return {
    message: {
      message_id: nextMessage++,
      date: Math.floor(Date.now() / 1000),
      chat: chatOf(chat),
      from: user(person),
      text: body,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      ...extra,
    },
  } as unknown as UpdateBody;
}

export function callback(
  data: string,
  person: Person = { id: 7, language: 'en' },
  chat = person.id,
  messageId = 3,
): UpdateBody {
  return {
    callback_query: {
      id: `cb${nextMessage++}`,
      from: user(person),
      chat_instance: '1',
      data,
      message: { message_id: messageId, date: 0, chat: chatOf(chat), text: 'menu' },
    },
  } as unknown as UpdateBody;
}

export const inlineQuery = (query: string, person: Person = { id: 7, language: 'en' }): UpdateBody =>
  ({ inline_query: { id: `iq${nextMessage++}`, from: user(person), query, offset: '' } }) as unknown as UpdateBody;

/** Gives an update body an id, for feeding `bot.handleUpdate` directly. */
export const numbered = (body: UpdateBody): Update => ({ ...body, update_id: nextId++ }) as Update;
