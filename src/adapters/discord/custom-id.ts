import { type Command, CommandSchema, IntentSchema } from '../../engine/index.js';
import { encodeCommand } from '../command-code.js';
import { LIMITS } from './limits.js';

/**
 * custom_id of the bot's components: ids only, never text, so a press is answered by asking the
 * engine again with a command. `ask:<intent>:<id,id>[:<picture>]` for a button, `card` (or
 * `card:<offset>` past 25 partners) for the partner menu, whose chosen value is a partner id.
 */
const ASK = 'ask';
export const CARD_MENU = 'card';
const ID = /^[a-z0-9-]+$/;
const PictureSchema = CommandSchema.shape.picture.unwrap();

export function encodeAsk(command: Command): string | undefined {
  const id = encodeCommand(ASK, command);
  return id !== undefined && id.length <= LIMITS.customId ? id : undefined;
}

export function decodeAsk(customId: string): Command | undefined {
  if (customId.length > LIMITS.customId) return undefined;
  const [prefix, intent, partners, picture, ...rest] = customId.split(':');
  if (prefix !== ASK || partners === undefined || rest.length > 0) return undefined;
  const parsed = IntentSchema.safeParse(intent);
  const ids = partners === '' ? [] : partners.split(',');
  const drawn = picture === undefined ? undefined : PictureSchema.safeParse(picture);
  if (!parsed.success || !ids.every((id) => ID.test(id)) || drawn?.success === false) return undefined;
  return { intent: parsed.data, partners: ids, ...(drawn?.data ? { picture: drawn.data } : {}) };
}

/** The partner menu's custom_id: `card`, or `card:<offset>` for the menus past the first 25 partners. */
export const isCardMenu = (customId: string): boolean => customId === CARD_MENU || customId.startsWith(`${CARD_MENU}:`);
