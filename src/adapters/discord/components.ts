import type { ButtonInteraction, StringSelectMenuInteraction } from 'discord.js';
import { answer, askFor, type DiscordDeps } from './context.js';
import { decodeAsk, isCardMenu } from './custom-id.js';

/**
 * A press on one of the bot's buttons or a choice in its partner menu: the custom_id holds ids
 * only, and the engine is asked again with the command they stand for (no text understanding).
 * Unknown ids (an old message, a forged press) are ignored with a log line.
 */
export async function handleComponent(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  deps: DiscordDeps,
): Promise<void> {
  const engine = deps.assistant.engine;
  if (interaction.isStringSelectMenu() && isCardMenu(interaction.customId)) {
    const [id] = interaction.values;
    if (id && engine.knowledge.partnersById.has(id)) {
      await answer(deps, interaction, () => askFor(deps, interaction, id, { intent: 'partner_info', partners: [id] }));
      return;
    }
  } else if (interaction.isButton()) {
    const command = decodeAsk(interaction.customId);
    if (command) {
      await answer(deps, interaction, () => askFor(deps, interaction, interaction.customId, command));
      return;
    }
  }
  deps.logger.warn({ customId: interaction.customId }, 'discord: unknown component');
  await interaction.deferUpdate();
}
