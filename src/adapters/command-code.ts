import type { Command } from '../engine/index.js';

/** A partner id as it may travel in button data: the dataset's ids, nothing a user typed. */
export const BUTTON_ID = /^[a-z0-9-]{1,40}$/;

/**
 * A command as button data, ids only, never text: `<prefix>:<intent>:<id>,<id>[:<picture>]`.
 * Undefined when an id is not a plain id; each platform checks its own length limit.
 * Discord's custom_id and Telegram's callback_data both use it, with their own prefix.
 */
export function encodeCommand(prefix: string, command: Command): string | undefined {
  if (!command.partners.every((id) => BUTTON_ID.test(id))) return undefined;
  const picture = command.picture ? `:${command.picture}` : '';
  return `${prefix}:${command.intent}:${command.partners.join(',')}${picture}`;
}
