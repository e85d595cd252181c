import { ApplicationCommandType } from 'discord.js';
import { answer, languageOf } from '../context.js';
import { LIMITS, trim } from '../limits.js';
import { COMMAND } from '../names.js';
import { COLOR } from '../render.js';
import { describe, EVERYWHERE, type SlashCommand } from './command.js';

/** `/about`: what the bot is, where its facts come from, and what it stores for how long (for the user alone). */
export const about: SlashCommand = {
  kind: 'chat',
  name: COMMAND.about,
  definition(engine) {
    return { type: ApplicationCommandType.ChatInput, ...describe(engine, COMMAND.about, 'about'), ...EVERYWHERE };
  },
  async execute(interaction, deps) {
    await answer(
      deps,
      interaction,
      async () => {
        const engine = deps.assistant.engine;
        const language = await languageOf(deps, interaction);
        const say = (key: string, values?: Record<string, unknown>) => engine.say(language, `discord.${key}`, values);
        const description = trim(say('aboutText'), LIMITS.embedDescription);
        const privacy = trim(say('privacyText', { ...deps.retention }), LIMITS.fieldValue);
        return {
          messages: [
            {
              embeds: [
                {
                  title: say('aboutTitle'),
                  description,
                  color: COLOR,
                  fields: [{ name: say('privacyTitle'), value: privacy }],
                },
              ],
              components: [],
            },
          ],
          ephemeral: true,
        };
      },
      { ephemeral: true },
    );
  },
};
