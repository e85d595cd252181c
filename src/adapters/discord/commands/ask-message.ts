import { ApplicationCommandType } from 'discord.js';
import { answer, askFor, interactionLocale } from '../context.js';
import { localizedWith } from '../locales.js';
import { COMMAND } from '../names.js';
import { textMessages } from '../render.js';
import { CONTEXTS, INTEGRATION_TYPES, type MessageCommand } from './command.js';

/**
 * "Ask the Siedlce bot" on any message (Apps menu): the message's text is the question. Discord
 * always sends the content of the message a context-menu command targets, so no intent is needed.
 */
export const askMessage: MessageCommand = {
  kind: 'message',
  name: COMMAND.askMessage,
  definition(engine) {
    const names = localizedWith(engine, (language) =>
      engine.say(language, 'discord.commands.askMessage.name').slice(0, 32),
    );
    return {
      type: ApplicationCommandType.Message,
      name: COMMAND.askMessage,
      name_localizations: names.localizations,
      contexts: CONTEXTS,
      integration_types: INTEGRATION_TYPES,
    };
  },
  async execute(interaction, deps) {
    const text = interaction.targetMessage.content.trim();
    await answer(deps, interaction, async () => {
      if (text) return askFor(deps, interaction, text);
      const engine = deps.assistant.engine;
      const language = engine.languageOf(await interactionLocale(deps, interaction)) ?? engine.defaultLanguage;
      return { messages: textMessages(engine.say(language, 'discord.emptyMessage')), ephemeral: true };
    });
  },
};
