import { ApplicationCommandType } from 'discord.js';
import { answer, askFor } from '../context.js';
import { CONTEXTS, describe, type SlashCommand } from './command.js';

/** `/about`: the countries Siedlce has contacts with, and Japan (the engine's overview). */
export const about: SlashCommand = {
  name: 'about',
  definition(engine) {
    return { type: ApplicationCommandType.ChatInput, ...describe(engine, 'about'), contexts: CONTEXTS };
  },
  async execute(interaction, deps) {
    await answer(deps, interaction, () => askFor(deps, interaction, '/about', { intent: 'overview', partners: [] }));
  },
};
