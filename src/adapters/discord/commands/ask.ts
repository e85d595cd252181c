import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { answer, askFor } from '../context.js';
import { COMMAND, OPTION } from '../names.js';
import { describe, EVERYWHERE, type SlashCommand } from './command.js';

/** Discord's own limit for a string option. */
const MAX_QUESTION = 6000;

/** `/ask question`: any question, understood by the engine. */
export const ask: SlashCommand = {
  kind: 'chat',
  name: COMMAND.ask,
  definition(engine) {
    return {
      type: ApplicationCommandType.ChatInput,
      ...describe(engine, COMMAND.ask, 'ask'),
      ...EVERYWHERE,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          ...describe(engine, OPTION.question, 'ask.options.question'),
          required: true,
          max_length: MAX_QUESTION,
        },
      ],
    };
  },
  async execute(interaction, deps) {
    const question = interaction.options.getString(OPTION.question, true);
    await answer(deps, interaction, () => askFor(deps, interaction, question));
  },
};
