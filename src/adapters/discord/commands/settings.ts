import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord.js';
import type { Language } from '../../../domain/schema.js';
import { answer, languageOf } from '../context.js';
import { COMMAND, OPTION, SUBCOMMAND } from '../names.js';
import { textMessages } from '../render.js';
import { describe, type SlashCommand } from './command.js';
import { languageChoices } from './language.js';

/**
 * `/settings language choice`: the server's language, for mentions and commands that do not tell
 * one themselves (most servers are not Communities, so Discord cannot say what they speak). Only
 * members with Manage Server see it, and only in servers that installed the bot.
 */
export const settings: SlashCommand = {
  kind: 'chat',
  name: COMMAND.settings,
  definition(engine) {
    return {
      type: ApplicationCommandType.ChatInput,
      ...describe(engine, COMMAND.settings, 'settings'),
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      default_member_permissions: String(PermissionFlagsBits.ManageGuild),
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          ...describe(engine, SUBCOMMAND.settingsLanguage, 'settings.options.language'),
          options: [
            {
              type: ApplicationCommandOptionType.String,
              ...describe(engine, OPTION.choice, 'settings.options.language.options.choice'),
              required: true,
              choices: languageChoices(engine),
            },
          ],
        },
      ],
    };
  },
  async execute(interaction, deps) {
    const engine = deps.assistant.engine;
    const subcommand = interaction.options.getSubcommand(true);
    const value = interaction.options.getString(OPTION.choice, true);
    await answer(
      deps,
      interaction,
      async () => {
        const language = await languageOf(deps, interaction);
        const say = (key: string, values?: Record<string, unknown>) => engine.say(language, `discord.${key}`, values);
        const guildId = interaction.guildId;
        // Discord hides the command from members without Manage Server; a server's override could
        // show it to others, so the permission is checked again here.
        const allowed = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
        if (subcommand !== SUBCOMMAND.settingsLanguage || !guildId || !allowed) {
          return { messages: textMessages(say('settingsGuildOnly')), ephemeral: true };
        }
        const choice: Language | undefined = engine.languages.includes(value) ? value : undefined;
        await deps.locales.setServerLanguage(guildId, choice);
        const text = choice
          ? say('settingsSet', { language: engine.say(choice, 'meta.languageName') })
          : say('settingsAuto');
        return { messages: textMessages(text), ephemeral: true };
      },
      { ephemeral: true },
    );
  },
};
