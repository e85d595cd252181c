import { escapeMarkdown } from 'discord.js';
import type { Language } from '../../domain/schema.js';
import type { Engine, Reply } from '../../engine/index.js';
import { LIMITS, trim } from './limits.js';
import { commandName } from './locales.js';
import { COMMAND } from './names.js';
import { COLOR, type DiscordMessage, suggestionRows } from './render.js';

/** The slash commands /help lists, in the order they are shown (keys of `discord.commands`, base names). */
export const HELP_ORDER = [
  COMMAND.partners,
  COMMAND.partner,
  COMMAND.map,
  COMMAND.timeline,
  COMMAND.ask,
  COMMAND.countries,
  COMMAND.about,
  COMMAND.language,
  COMMAND.help,
] as const;

/**
 * "</partners:123> — Miasta partnerskie Siedlec…": each command as a mention the user can click
 * (Discord shows it under its name in the user's locale), or under its name in the language spoken
 * while the command ids are not known.
 */
export function commandLines(
  engine: Engine,
  language: Language,
  ids: ReadonlyMap<string, string> = new Map(),
): string[] {
  return HELP_ORDER.map((name) => {
    const say = (key: string) => engine.say(language, `discord.commands.${name}.${key}`);
    const id = ids.get(name);
    const mention = id ? `</${name}:${id}>` : `\`/${commandName(say('name'))}\``;
    return `${mention} — ${say('description')}`;
  });
}

/**
 * The engine's help reply as Discord shows it: what the bot does, the slash commands (instead of
 * the terminal's, which the engine's text names), how to ask, and the example questions as buttons.
 */
export function helpMessages(
  engine: Engine,
  reply: Reply,
  ids: ReadonlyMap<string, string> = new Map(),
): DiscordMessage[] {
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
            { name: say('discord.commandsTitle'), value: trim(commandLines(engine, language, ids).join('\n'), 1024) },
            { name: say('discord.askTitle'), value: trim([say('discord.askHow'), ...examples].join('\n'), 1024) },
          ],
        },
      ],
      components: suggestionRows(reply.suggestions ?? [], LIMITS.rows),
    },
  ];
}
