import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import { answer, askFor, languageOf } from '../context.js';
import { LIMITS, trim } from '../limits.js';
import { COMMAND, OPTION } from '../names.js';
import { describe, EVERYWHERE, type SlashCommand } from './command.js';

/** `/partner name`: a partner's card; the name autocompletes over every alias, labelled in the user's language. */
export const partner: SlashCommand = {
  kind: 'chat',
  name: COMMAND.partner,
  definition(engine) {
    return {
      type: ApplicationCommandType.ChatInput,
      ...describe(engine, COMMAND.partner, 'partner'),
      ...EVERYWHERE,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          ...describe(engine, OPTION.name, 'partner.options.name'),
          required: true,
          autocomplete: true,
          max_length: LIMITS.choiceName,
        },
      ],
    };
  },
  async autocomplete(interaction, deps) {
    const engine = deps.assistant.engine;
    const language = await languageOf(deps, interaction);
    const typed = String(interaction.options.getFocused());
    const choices = engine
      .searchPartners(typed, language)
      .slice(0, LIMITS.choices)
      .map((choice) => ({ name: trim(choice.label, LIMITS.choiceName), value: choice.id }));
    await interaction.respond(choices);
  },
  async execute(interaction, deps) {
    const engine = deps.assistant.engine;
    const name = interaction.options.getString(OPTION.name, true).trim();
    // A choice from the menu is a partner id; a name typed without choosing is resolved by the engine.
    const ids = engine.knowledge.partnersById.has(name) ? [name] : engine.resolvePartners(name);
    const [id, ...others] = ids;
    await answer(deps, interaction, () =>
      id && others.length === 0
        ? askFor(deps, interaction, name, { intent: 'partner_info', partners: [id] })
        : // Several partners, or none: the engine asks which one, or says it is not a partner.
          askFor(deps, interaction, name),
    );
  },
};
