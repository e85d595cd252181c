import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { Language } from '../../../domain/schema.js';
import type { Engine } from '../../../engine/index.js';
import { answer, askFor } from '../context.js';
import { LIMITS, trim } from '../limits.js';
import { localizedWith } from '../locales.js';
import { COMMAND, OPTION } from '../names.js';
import { describe, EVERYWHERE, type SlashCommand } from './command.js';

/** The partners' countries, in the order of their first agreement. */
const countriesOf = (engine: Engine): string[] => [
  ...new Set(engine.knowledge.chronological.map((partner) => partner.country)),
];

/** A country's name as the engine writes it (taken from a partner card in that country). */
function countryName(engine: Engine, code: string, language: Language): string {
  const partner = engine.knowledge.chronological.find((candidate) => candidate.country === code);
  return (partner && engine.card(partner.id, language)?.countryName) ?? code;
}

const choice = (engine: Engine, value: string, text: (language: Language) => string) => {
  const name = localizedWith(engine, (language) => trim(text(language), LIMITS.choiceName));
  return { name: name.value, name_localizations: name.localizations, value };
};

/**
 * `/partners [country] [area]`: the list in date order as an embed, with a menu opening each card.
 *
 * The filters are structured choices, so they are applied here to the engine's full list (the
 * same rule as the engine's: the partner's country, an area among the partner's areas) instead of
 * being written out as words for the engine to understand again; the title and the "none match"
 * sentence are the engine's own (`list.titleFiltered`, `list.empty`).
 */
export const partners: SlashCommand = {
  kind: 'chat',
  name: COMMAND.partners,
  definition(engine) {
    return {
      type: ApplicationCommandType.ChatInput,
      ...describe(engine, COMMAND.partners, 'partners'),
      ...EVERYWHERE,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          ...describe(engine, OPTION.country, 'partners.options.country'),
          required: false,
          choices: countriesOf(engine)
            .slice(0, LIMITS.choices)
            .map((code) => choice(engine, code, (language) => countryName(engine, code, language))),
        },
        {
          type: ApplicationCommandOptionType.String,
          ...describe(engine, OPTION.area, 'partners.options.area'),
          required: false,
          choices: engine.knowledge.dataset.areas
            .slice(0, LIMITS.choices)
            .map((area) => choice(engine, area, (language) => engine.say(language, `areas.${area}`))),
        },
      ],
    };
  },
  async execute(interaction, deps) {
    const engine = deps.assistant.engine;
    const country = interaction.options.getString(OPTION.country);
    const area = interaction.options.getString(OPTION.area);
    const command = { intent: 'list_partners' as const, partners: [] as string[] };
    if (!country && !area) {
      await answer(deps, interaction, () => askFor(deps, interaction, '/partners', { ...command }));
      return;
    }
    const keep = new Set(
      engine.knowledge.chronological
        .filter((partner) => (!country || partner.country === country) && (!area || partner.areas.includes(area)))
        .map((partner) => partner.id),
    );
    const label = (language: Language) =>
      [
        ...(country
          ? [engine.say(language, 'filter.country', { country: countryName(engine, country, language) })]
          : []),
        ...(area ? [engine.say(language, 'filter.area', { area: engine.say(language, `areas.${area}`) })] : []),
      ].join(', ');
    const text = `/partners ${[country, area].filter(Boolean).join(' ')}`;
    await answer(deps, interaction, () =>
      askFor(
        deps,
        interaction,
        text,
        { ...command },
        { render: { filter: { keep: (item) => keep.has(item.id), label } } },
      ),
    );
  },
};
