import type { Language } from '../../domain/schema.js';
import { type Command, CommandSchema, IntentSchema } from '../../engine/index.js';
import { encodeCommand } from '../command-code.js';

const PictureSchema = CommandSchema.shape.picture.unwrap();

/** Telegram refuses callback_data longer than 64 bytes. */
export const CALLBACK_DATA_LIMIT = 64;

/** What a button press asks for; the data carries ids only, never names or text. */
export type ButtonAction =
  | { kind: 'ask'; command: Command }
  | { kind: 'location'; partner: string }
  | { kind: 'language'; choice: Language | 'auto' };

const ID = /^[a-z0-9-]{1,40}$/;

const fits = (data: string) => (Buffer.byteLength(data, 'utf8') <= CALLBACK_DATA_LIMIT ? data : undefined);

/**
 * `q:<intent>:<id>,<id>[:<picture>]` — undefined when an id is not a plain id or the data would
 * exceed 64 bytes.
 */
export function encodeAsk(command: Command): string | undefined {
  const data = encodeCommand('q', command);
  return data === undefined ? undefined : fits(data);
}

/** `loc:<id>` */
export function encodeLocation(partner: string): string | undefined {
  return ID.test(partner) ? fits(`loc:${partner}`) : undefined;
}

/** `lang:<pl|it|en|auto>` */
export function encodeLanguage(choice: Language | 'auto'): string | undefined {
  return ID.test(choice) ? fits(`lang:${choice}`) : undefined;
}

/** Reads a button's data back; anything malformed or forged is undefined. */
export function decodeAction(data: string | undefined): ButtonAction | undefined {
  if (!data || Buffer.byteLength(data, 'utf8') > CALLBACK_DATA_LIMIT) return undefined;
  const [kind, first = '', second = '', third] = data.split(':');
  if (kind === 'q') {
    const intent = IntentSchema.safeParse(first);
    const partners = second === '' ? [] : second.split(',');
    const picture = third === undefined ? undefined : PictureSchema.safeParse(third);
    if (!intent.success || !partners.every((id) => ID.test(id)) || picture?.success === false) return undefined;
    return { kind: 'ask', command: { intent: intent.data, partners, ...(picture ? { picture: picture.data } : {}) } };
  }
  if (kind === 'loc' && ID.test(first)) return { kind: 'location', partner: first };
  if (kind === 'lang' && /^(auto|[a-z]{2})$/.test(first)) return { kind: 'language', choice: first };
  return undefined;
}
