import {
  ApplicationIntegrationType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { Engine } from '../../../engine/index.js';
import type { DiscordDeps } from '../context.js';
import { LIMITS, trim } from '../limits.js';
import { commandName, localized, localizedWith } from '../locales.js';

/** One slash command: its definition (a constant name, words in every locale) and its handlers. */
export interface SlashCommand {
  readonly kind: 'chat';
  /** The base name Discord sends with every interaction (a constant of names.ts). */
  readonly name: string;
  definition(engine: Engine): RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, deps: DiscordDeps): Promise<void>;
}

/** A message context-menu command (right-click a message → Apps). */
export interface MessageCommand {
  readonly kind: 'message';
  readonly name: string;
  definition(engine: Engine): RESTPostAPIContextMenuApplicationCommandsJSONBody;
  execute(interaction: MessageContextMenuCommandInteraction, deps: DiscordDeps): Promise<void>;
}

export type AppCommand = SlashCommand | MessageCommand;

/** Where the commands work: in servers, in the bot's DMs, and (installed by a user) in their other DMs and groups. */
export const CONTEXTS = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
];

/** Installable to a server and to a user's account. */
export const INTEGRATION_TYPES = [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall];

export const EVERYWHERE = { contexts: CONTEXTS, integration_types: INTEGRATION_TYPES };

const clip = (text: string) => trim(text, LIMITS.description);

/** The constant `name`, its localizations from `discord.commands.<path>.name`, and its description. */
export function describe(engine: Engine, name: string, path: string) {
  const names = localizedWith(engine, (language) => commandName(engine.say(language, `discord.commands.${path}.name`)));
  const description = localized(engine, `discord.commands.${path}.description`);
  return {
    name,
    name_localizations: names.localizations,
    description: clip(description.value),
    description_localizations: Object.fromEntries(
      Object.entries(description.localizations).map(([locale, text]) => [locale, clip(text ?? '')]),
    ),
  };
}
