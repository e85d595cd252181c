import type { Telegram } from 'telegraf';
import type { Language } from '../../domain/schema.js';
import type { Engine } from '../../engine/index.js';
import type { Logger } from '../../logger.js';
import { COMMANDS } from './commands.js';

/**
 * Registers the command menu: the list without a language code is the fallback (English, or the
 * default language when there is no English), plus one list for every other language. A failure
 * is logged: the bot works without a menu.
 */
export async function registerCommands(telegram: Telegram, engine: Engine, logger: Logger): Promise<number> {
  const fallback: Language = engine.languages.includes('en') ? 'en' : engine.defaultLanguage;
  const targets: { language: Language; languageCode?: string }[] = [
    { language: fallback },
    ...engine.languages
      .filter((language) => language !== fallback)
      .map((language) => ({ language, languageCode: language })),
  ];
  let registered = 0;
  for (const { language, languageCode } of targets) {
    const commands = COMMANDS.map((command) => ({
      command,
      description: engine.say(language, `telegram.commands.${command}`).slice(0, 256),
    }));
    try {
      await telegram.setMyCommands(commands, languageCode ? { language_code: languageCode } : {});
      registered++;
    } catch (error) {
      logger.warn(
        { err: error, languageCode: languageCode ?? 'default' },
        'telegram: could not register the command menu',
      );
    }
  }
  return registered;
}
