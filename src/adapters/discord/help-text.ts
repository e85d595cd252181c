import { escapeMarkdown } from 'discord.js';
import type { Language } from '../../domain/schema.js';
import type { Engine, Reply } from '../../engine/index.js';
import { LIMITS, trim } from './limits.js';
import { commandName } from './locales.js';
import { COLOR, type DiscordMessage, suggestionRows } from './render.js';

/** The slash commands /help lists, in the order they are shown (keys of `discord.commands`). */
export const HELP_ORDER = ['partners', 'partner', 'map', 'timeline', 'ask', 'about', 'language', 'help'] as const;

/** "`/partnerzy` — Miasta partnerskie Siedlec…": each command under its name in the language spoken. */
export function commandLines(engine: Engine, language: Language): string[] {
  return HELP_ORDER.map((name) => {
    const say = (key: string) => engine.say(language, `discord.commands.${name}.${key}`);
    return `\`/${commandName(say('name'))}\` — ${say('description')}`;
  });
}

/**
 * The engine's help reply as Discord shows it: what the bot does, the slash commands (instead of
 * the terminal's, which the engine's text names), how to ask, and the example questions as buttons.
 */
export function helpMessages(engine: Engine, reply: Reply): DiscordMessage[] {
  const language = reply.language;
  const say = (key: string) => engine.say(language, key);
  const examples = (reply.suggestions ?? []).map((suggestion) => `• ${escapeMarkdown(suggestion.label)}`);
  return [
    {
      embeds: [
        {
          color: COLOR,
          description: trim(say('help'), LIMITS.embedDescription),
          fields: [
            { name: say('discord.commandsTitle'), value: trim(commandLines(engine, language).join('\n'), 1024) },
            { name: say('discord.askTitle'), value: trim([say('discord.askHow'), ...examples].join('\n'), 1024) },
          ],
        },
      ],
      components: suggestionRows(reply.suggestions ?? [], LIMITS.rows),
    },
  ];
}
