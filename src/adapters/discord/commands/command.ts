import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Engine } from '../../../engine/index.js';
import type { DiscordDeps } from '../context.js';
import { LIMITS, trim } from '../limits.js';
import { commandName, localized, localizedWith } from '../locales.js';

/** One slash command: its definition (names and descriptions in every locale) and its handlers. */
export interface SlashCommand {
  /** The name handlers are found by: the base (English) name Discord sends with every interaction. */
  readonly name: string;
  definition(engine: Engine): RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, deps: DiscordDeps): Promise<void>;
}

/** Where the commands can be used: in servers and in the bot's direct messages. */
export const CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM];

/** The localized name and description of `discord.commands.<path>`, ready to spread into a definition. */
export function describe(engine: Engine, path: string) {
  const name = localizedWith(engine, (language) => commandName(engine.say(language, `discord.commands.${path}.name`)));
  const description = localized(engine, `discord.commands.${path}.description`);
  const clip = (text: string) => trim(text, LIMITS.description);
  return {
    name: name.value,
    name_localizations: name.localizations,
    description: clip(description.value),
    description_localizations: Object.fromEntries(
      Object.entries(description.localizations).map(([locale, text]) => [locale, clip(text ?? '')]),
    ),
  };
}
