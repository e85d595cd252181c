import { ApplicationCommandType } from 'discord.js';
import type { Command } from '../../../engine/index.js';
import { answer, askFor, pictureKey } from '../context.js';
import { COMMAND } from '../names.js';
import { describe, EVERYWHERE, type SlashCommand } from './command.js';

/** `/timeline`: the agreements from 1993 to 2008 on one axis, as an image. */
export const timeline: SlashCommand = {
  kind: 'chat',
  name: COMMAND.timeline,
  definition(engine) {
    return { type: ApplicationCommandType.ChatInput, ...describe(engine, COMMAND.timeline, 'timeline'), ...EVERYWHERE };
  },
  async execute(interaction, deps) {
    const command: Command = { intent: 'list_partners', partners: [], picture: 'timeline' };
    await answer(deps, interaction, () => askFor(deps, interaction, '/timeline', command), {
      slow: !deps.drawn.has(pictureKey(command) ?? ''),
    });
  },
};
