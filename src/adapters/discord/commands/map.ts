import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { Command } from '../../../engine/index.js';
import { answer, askFor, pictureKey } from '../context.js';
import { LIMITS } from '../limits.js';
import { COMMAND, OPTION } from '../names.js';
import { describe, EVERYWHERE, type SlashCommand } from './command.js';
import { partner } from './partner.js';

/** `/map [partner]`: the map of the partnerships as an image, one partner highlighted when chosen. */
export const map: SlashCommand = {
  kind: 'chat',
  name: COMMAND.map,
  definition(engine) {
    return {
      type: ApplicationCommandType.ChatInput,
      ...describe(engine, COMMAND.map, 'map'),
      ...EVERYWHERE,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          ...describe(engine, OPTION.partner, 'map.options.partner'),
          required: false,
          autocomplete: true,
          max_length: LIMITS.choiceName,
        },
      ],
    };
  },
  // the same choices as /partner: every alias, labelled in the user's language
  autocomplete: (interaction, deps) => partner.autocomplete?.(interaction, deps) ?? Promise.resolve(),
  async execute(interaction, deps) {
    const engine = deps.assistant.engine;
    const name = interaction.options.getString(OPTION.partner)?.trim() ?? '';
    const ids = engine.knowledge.partnersById.has(name) ? [name] : name ? engine.resolvePartners(name) : [];
    const [id, ...others] = ids;
    const highlighted = id && others.length === 0 ? id : undefined;
    const command: Command = {
      intent: highlighted ? 'partner_info' : 'list_partners',
      partners: highlighted ? [highlighted] : [],
      picture: 'map',
    };
    await answer(deps, interaction, () => askFor(deps, interaction, name || '/map', command), {
      slow: !deps.drawn.has(pictureKey(command) ?? ''),
    });
  },
};
