import { ApplicationCommandType } from 'discord.js';
import { answer, askFor } from '../context.js';
import { CONTEXTS, describe, type SlashCommand } from './command.js';

/** `/timeline`: the agreements from 1993 to 2008 on one axis, as an image. */
export const timeline: SlashCommand = {
  name: 'timeline',
  definition(engine) {
    return { type: ApplicationCommandType.ChatInput, ...describe(engine, 'timeline'), contexts: CONTEXTS };
  },
  async execute(interaction, deps) {
    await answer(deps, interaction, () =>
      askFor(deps, interaction, '/timeline', { intent: 'list_partners', partners: [], picture: 'timeline' }),
    );
  },
};
