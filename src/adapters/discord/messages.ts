import type { Message } from 'discord.js';
import { apologyText, ask, type DiscordDeps, localeHint, sessionKey } from './context.js';
import { type DiscordMessage, messageOptions } from './render.js';

/** The bot's mention as Discord writes it in content: `<@id>`, or `<@!id>` from older clients. */
const mentionOf = (botId: string) => new RegExp(`<@!?${botId}>`, 'g');

/**
 * A question in a plain message: answered when it is a direct message or mentions the bot in a
 * server (Discord sends the content of those without the privileged MessageContent intent).
 * Conversation context is per channel and user; the reply quotes the question.
 */
export async function handleMessage(message: Message, deps: DiscordDeps, botId: string): Promise<void> {
  if (message.author.bot || message.system || message.author.id === botId) return;
  const direct = !message.inGuild();
  // `users` only: an @everyone or a role mention alone does not call the bot.
  if (!direct && !message.mentions.users.has(botId)) return;
  const text = message.content.replace(mentionOf(botId), ' ').replace(/\s+/g, ' ').trim();
  const engine = deps.assistant.engine;
  const locale = localeHint(engine, message.inGuild() ? message.guild.preferredLocale : undefined);
  const send = (reply: DiscordMessage) => message.reply({ ...messageOptions(reply), failIfNotExists: false });
  try {
    const { messages } = await ask(
      deps,
      { userId: message.author.id, session: sessionKey(message.channelId, message.author.id), text, locale },
      { silentLimit: true },
    );
    for (const reply of messages) await send(reply);
  } catch (error) {
    deps.logger.error({ err: error, message: message.id }, 'discord: message handler failed');
    await send({ content: apologyText(engine, locale), embeds: [], components: [] }).catch((sendError: unknown) =>
      deps.logger.warn({ err: sendError }, 'discord: the apology could not be sent'),
    );
  }
}
