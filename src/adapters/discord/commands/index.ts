import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Engine } from '../../../engine/index.js';
import { about } from './about.js';
import { ask } from './ask.js';
import type { SlashCommand } from './command.js';
import { help } from './help.js';
import { language } from './language.js';
import { map } from './map.js';
import { partner } from './partner.js';
import { partners } from './partners.js';
import { timeline } from './timeline.js';

export type { SlashCommand } from './command.js';

/** Every slash command of the bot, one module each. */
export const COMMANDS: readonly SlashCommand[] = [partners, partner, map, timeline, ask, about, language, help];

export const commandsByName = new Map(COMMANDS.map((command) => [command.name, command]));

/** The definitions `npm run register` sends to Discord. */
export const commandDefinitions = (engine: Engine): RESTPostAPIChatInputApplicationCommandsJSONBody[] =>
  COMMANDS.map((command) => command.definition(engine));
