import { ApplicationCommandType } from 'discord.js';
import { answer, askFor } from '../context.js';
import { COMMAND } from '../names.js';
import { describe, EVERYWHERE, type SlashCommand } from './command.js';

/** `/help`: what the bot does, its slash commands as clickable mentions, example questions; for the user alone. */
export const help: SlashCommand = {
  kind: 'chat',
  name: COMMAND.help,
  definition(engine) {
    return { type: ApplicationCommandType.ChatInput, ...describe(engine, COMMAND.help, 'help'), ...EVERYWHERE };
  },
  async execute(interaction, deps) {
    // The help reply is drawn by help-text.ts (the slash commands instead of the terminal's).
    await answer(deps, interaction, () => askFor(deps, interaction, '/help', { intent: 'help', partners: [] }), {
      ephemeral: true,
    });
  },
};
