import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { Language } from '../../../domain/schema.js';
import { answer, interactionLocale, userRef } from '../context.js';
import { localized, localizedWith } from '../locales.js';
import { textMessages } from '../render.js';
import { CONTEXTS, describe, type SlashCommand } from './command.js';

/** `/language choice`: pl, it, en or automatic, remembered per user (the answer only for that user). */
export const language: SlashCommand = {
  name: 'language',
  definition(engine) {
    // Each language under its own name ("polski", "italiano", "English"), whatever the client's locale.
    const own = (choice: Language) => {
      const name = localizedWith(engine, () => engine.say(choice, 'meta.languageName'));
      return { name: name.value, name_localizations: name.localizations, value: choice };
    };
    const automatic = localized(engine, 'discord.automatic');
    return {
      type: ApplicationCommandType.ChatInput,
      ...describe(engine, 'language'),
      contexts: CONTEXTS,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          ...describe(engine, 'language.options.choice'),
          required: true,
          choices: [
            ...engine.languages.map(own),
            { name: automatic.value, name_localizations: automatic.localizations, value: 'auto' },
          ],
        },
      ],
    };
  },
  async execute(interaction, deps) {
    const engine = deps.assistant.engine;
    const value = interaction.options.getString('choice', true);
    const choice: Language | 'auto' = engine.languages.includes(value) ? value : 'auto';
    await answer(deps, interaction, async () => {
      const spoken = await deps.assistant.chooseLanguage(
        userRef(interaction.user.id),
        choice,
        interactionLocale(deps, interaction),
      );
      const key = choice === 'auto' ? 'discord.languageAuto' : 'discord.languageSet';
      return { messages: textMessages(engine.say(spoken, key)), ephemeral: true };
    });
  },
};
