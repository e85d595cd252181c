import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { answer, askFor } from '../context.js';
import { CONTEXTS, describe, type SlashCommand } from './command.js';

/** Discord's own limit for a string option. */
const MAX_QUESTION = 6000;

/** `/ask question`: any question, understood by the engine. */
export const ask: SlashCommand = {
  name: 'ask',
  definition(engine) {
    return {
      type: ApplicationCommandType.ChatInput,
      ...describe(engine, 'ask'),
      contexts: CONTEXTS,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          ...describe(engine, 'ask.options.question'),
          required: true,
          max_length: MAX_QUESTION,
        },
      ],
    };
  },
  async execute(interaction, deps) {
    const question = interaction.options.getString('question', true);
    await answer(deps, interaction, () => askFor(deps, interaction, question));
  },
};
