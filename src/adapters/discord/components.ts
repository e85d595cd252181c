import type { ButtonInteraction, MessageComponentInteraction, StringSelectMenuInteraction } from 'discord.js';
import type { Command } from '../../engine/index.js';
import { answer, askFor, type DiscordDeps, languageOf, pictureKey } from './context.js';
import { decodeAsk, isCardMenu } from './custom-id.js';
import { textMessages } from './render.js';

/**
 * Who the message under the control answered: the user of the command it answers, or the author
 * of the message it replies to; in a DM, the one person there.
 */
function askerOf(interaction: MessageComponentInteraction): string | undefined {
  const message = interaction.message;
  const asker = message.interactionMetadata?.user.id ?? message.mentions.repliedUser?.id;
  if (asker) return asker;
  return interaction.inGuild() ? undefined : interaction.user.id;
}

/** What a control asks for, or undefined when it is stale (an old or unknown id, a partner gone). */
function commandOf(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  deps: DiscordDeps,
): Command | undefined {
  const engine = deps.assistant.engine;
  if (interaction.isStringSelectMenu()) {
    const [id] = interaction.values;
    if (!isCardMenu(interaction.customId) || !id || !engine.knowledge.partnersById.has(id)) return undefined;
    return { intent: 'partner_info', partners: [id] };
  }
  const command = decodeAsk(interaction.customId);
  const known = command?.partners.every((id) => engine.knowledge.partnersById.has(id));
  return known ? command : undefined;
}

/**
 * A press on one of the bot's buttons or a choice in its partner menu: the custom_id holds ids
 * only, and the engine is asked again with the command they stand for (no text understanding).
 * The asker's own answer changes in place (a card chosen from the list gets a way back to it);
 * anyone else gets the answer for themselves alone, and a stale control says so.
 */
export async function handleComponent(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  deps: DiscordDeps,
): Promise<void> {
  const command = commandOf(interaction, deps);
  if (!command) {
    deps.logger.debug({ customId: interaction.customId.slice(0, 100) }, 'discord: stale component');
    await answer(
      deps,
      interaction,
      async () => ({
        messages: textMessages(deps.assistant.engine.say(await languageOf(deps, interaction), 'discord.stale')),
        ephemeral: true,
      }),
      { ephemeral: true },
    );
    return;
  }
  const own = askerOf(interaction) === interaction.user.id;
  const fromList = interaction.isStringSelectMenu();
  const slow = command.picture !== undefined && !deps.drawn.has(pictureKey(command) ?? '');
  await answer(
    deps,
    interaction,
    async () => {
      const back =
        own && fromList ? deps.assistant.engine.say(await languageOf(deps, interaction), 'discord.back') : undefined;
      return askFor(deps, interaction, interaction.customId, command, { render: { ...(back ? { back } : {}) } });
    },
    own ? { update: true, slow } : { ephemeral: true, slow },
  );
}
