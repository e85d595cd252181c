import { ApplicationCommandType } from 'discord.js';
import { answer, askFor } from '../context.js';
import { COMMAND } from '../names.js';
import { describe, EVERYWHERE, type SlashCommand } from './command.js';

/** `/countries`: the countries Siedlce has contacts with, and Japan (the engine's overview). */
export const countries: SlashCommand = {
  kind: 'chat',
  name: COMMAND.countries,
  definition(engine) {
    return {
      type: ApplicationCommandType.ChatInput,
      ...describe(engine, COMMAND.countries, 'countries'),
      ...EVERYWHERE,
    };
  },
  async execute(interaction, deps) {
    await answer(deps, interaction, () =>
      askFor(deps, interaction, '/countries', { intent: 'overview', partners: [] }),
    );
  },
};
