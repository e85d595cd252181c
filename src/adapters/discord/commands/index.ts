import type { RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import type { Engine } from '../../../engine/index.js';
import { about } from './about.js';
import { ask } from './ask.js';
import { askMessage } from './ask-message.js';
import type { AppCommand, MessageCommand, SlashCommand } from './command.js';
import { countries } from './countries.js';
import { help } from './help.js';
import { language } from './language.js';
import { map } from './map.js';
import { partner } from './partner.js';
import { partners } from './partners.js';
import { settings } from './settings.js';
import { timeline } from './timeline.js';

export type { AppCommand, MessageCommand, SlashCommand } from './command.js';

/** Every slash command of the bot, one module each. */
export const SLASH_COMMANDS: readonly SlashCommand[] = [
  partners,
  partner,
  map,
  timeline,
  ask,
  countries,
  about,
  language,
  settings,
  help,
];

/** The message context-menu commands. */
export const MESSAGE_COMMANDS: readonly MessageCommand[] = [askMessage];

export const COMMANDS: readonly AppCommand[] = [...SLASH_COMMANDS, ...MESSAGE_COMMANDS];

export const slashCommandsByName = new Map(SLASH_COMMANDS.map((command) => [command.name, command]));
export const messageCommandsByName = new Map(MESSAGE_COMMANDS.map((command) => [command.name, command]));

/** The definitions `npm run register` sends to Discord. */
export const commandDefinitions = (engine: Engine): RESTPostAPIApplicationCommandsJSONBody[] =>
  COMMANDS.map((command) => command.definition(engine));
