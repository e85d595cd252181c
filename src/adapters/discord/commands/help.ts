import { ApplicationCommandType } from 'discord.js';
import { answer, askFor } from '../context.js';
import { CONTEXTS, describe, type SlashCommand } from './command.js';

/** `/help`: what the bot does, its slash commands in the user's language, example questions as buttons. */
export const help: SlashCommand = {
  name: 'help',
  definition(engine) {
    return { type: ApplicationCommandType.ChatInput, ...describe(engine, 'help'), contexts: CONTEXTS };
  },
  async execute(interaction, deps) {
    // The help reply is drawn by help-text.ts (the slash commands instead of the terminal's).
    await answer(deps, interaction, () => askFor(deps, interaction, '/help', { intent: 'help', partners: [] }));
  },
};
