import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord.js';
import type { Language } from '../../../domain/schema.js';
import type { Engine } from '../../../engine/index.js';
import { answer, interactionLocale, userRef } from '../context.js';
import { localized, localizedWith } from '../locales.js';
import { COMMAND, OPTION } from '../names.js';
import { textMessages } from '../render.js';
import { describe, EVERYWHERE, type SlashCommand } from './command.js';

/** pl, it, en (each under its own name: "polski", "italiano", "English", whatever the client's locale) and automatic. */
export function languageChoices(engine: Engine) {
  const own = (choice: Language) => {
    const name = localizedWith(engine, () => engine.say(choice, 'meta.languageName'));
    return { name: name.value, name_localizations: name.localizations, value: choice };
  };
  const automatic = localized(engine, 'discord.automatic');
  return [
    ...engine.languages.map(own),
    { name: automatic.value, name_localizations: automatic.localizations, value: 'auto' },
  ];
}

/** `/language choice`: pl, it, en or automatic, remembered per user (the answer only for that user). */
export const language: SlashCommand = {
  kind: 'chat',
  name: COMMAND.language,
  definition(engine) {
    return {
      type: ApplicationCommandType.ChatInput,
      ...describe(engine, COMMAND.language, 'language'),
      ...EVERYWHERE,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          ...describe(engine, OPTION.choice, 'language.options.choice'),
          required: true,
          choices: languageChoices(engine),
        },
      ],
    };
  },
  async execute(interaction, deps) {
    const engine = deps.assistant.engine;
    const value = interaction.options.getString(OPTION.choice, true);
    const choice: Language | 'auto' = engine.languages.includes(value) ? value : 'auto';
    await answer(
      deps,
      interaction,
      async () => {
        const spoken = await deps.assistant.chooseLanguage(
          userRef(interaction.user.id),
          choice,
          await interactionLocale(deps, interaction),
        );
        const key = choice === 'auto' ? 'discord.languageAuto' : 'discord.languageSet';
        return { messages: textMessages(engine.say(spoken, key)), ephemeral: true };
      },
      { ephemeral: true },
    );
  },
};
