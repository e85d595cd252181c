import { type Message, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import { apologyText, ask, type DiscordDeps, sessionKey } from './context.js';
import { loggable, requestFailure } from './errors.js';
import { type DiscordMessage, messageOptions } from './render.js';

/** The bot's mention as Discord writes it in content: `<@id>`, `<@!id>` from older clients, `<@&role>` for its role. */
const mentionOf = (botId: string, roleId: string | undefined) =>
  new RegExp(`<@!?${botId}>${roleId ? `|<@&${roleId}>` : ''}`, 'g');

/** What the bot may do in a message's channel; a DM allows everything. */
export interface Allowed {
  send: boolean;
  /** Quote the question (a reply needs Read Message History). */
  quote: boolean;
  embeds: boolean;
  files: boolean;
}

export function allowedIn(message: Message): Allowed {
  if (!message.inGuild()) return { send: true, quote: true, embeds: true, files: true };
  const me = message.guild.members.me;
  const permissions: Readonly<PermissionsBitField> | null | undefined = me
    ? message.channel.permissionsFor(me)
    : undefined;
  // Unknown (the bot's member is not cached): try, and let a 403 keep it quiet.
  if (!permissions) return { send: true, quote: true, embeds: true, files: true };
  const inThread = message.channel.isThread();
  const send =
    permissions.has(PermissionFlagsBits.ViewChannel) &&
    permissions.has(inThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages);
  return {
    send,
    quote: permissions.has(PermissionFlagsBits.ReadMessageHistory),
    embeds: permissions.has(PermissionFlagsBits.EmbedLinks),
    files: permissions.has(PermissionFlagsBits.AttachFiles),
  };
}

/** The bot is called: by its user, or by its managed role (what "@Bot" often picks in a server). */
function mentioned(message: Message, botId: string): { called: boolean; roleId: string | undefined } {
  if (!message.inGuild()) return { called: true, roleId: undefined };
  const roleId = message.guild.roles.botRoleFor(botId)?.id;
  // `users` and the bot's role only: an @everyone or another role alone does not call the bot.
  const called = message.mentions.users.has(botId) || (roleId !== undefined && message.mentions.roles.has(roleId));
  return { called, roleId };
}

/**
 * A question in a plain message: answered when it is a direct message or mentions the bot (or its
 * role) in a server — Discord sends the content of those without the privileged MessageContent
 * intent. The reply quotes the question; where the bot may not post it stays silent, and without
 * Embed Links or Attach Files the answer comes as text, without the picture.
 */
export async function handleMessage(message: Message, deps: DiscordDeps, botId: string): Promise<void> {
  if (message.author.bot || message.system || message.author.id === botId) return;
  const { called, roleId } = mentioned(message, botId);
  if (!called) return;
  const allowed = allowedIn(message);
  if (!allowed.send) {
    deps.metrics.failedReply('no_permission');
    deps.logger.debug({ channel: message.channelId }, 'discord: mentioned where it may not post');
    return;
  }
  const text = message.content.replace(mentionOf(botId, roleId), ' ').replace(/\s+/g, ' ').trim();
  const engine = deps.assistant.engine;
  const locale = await deps.locales
    .hint({ userId: message.author.id, guildId: message.guildId, guild: message.guild })
    .catch(() => undefined);
  const channel = message.channel;
  const send = (reply: DiscordMessage) =>
    allowed.quote || !channel.isSendable()
      ? message.reply({ ...messageOptions(reply), failIfNotExists: false })
      : channel.send(messageOptions(reply));
  try {
    const { messages } = await ask(
      deps,
      { userId: message.author.id, session: sessionKey(message.channelId, message.author.id), text, locale },
      { silentLimit: true, render: { plain: !allowed.embeds }, noPicture: !allowed.files },
    );
    for (const reply of messages) await send(reply);
  } catch (error) {
    const failure = requestFailure(error);
    if (failure?.status === 403) {
      // Permissions changed under the bot (or were not cached): nothing more to say there.
      deps.metrics.failedReply('no_permission');
      deps.logger.debug({ discord: failure }, 'discord: not allowed to answer here');
      return;
    }
    deps.metrics.failedReply('error');
    deps.logger.error({ ...loggable(error), message: message.id }, 'discord: message handler failed');
    await send({ content: apologyText(engine, locale), embeds: [], components: [] }).catch((sendError: unknown) =>
      deps.logger.warn({ ...loggable(sendError) }, 'discord: the apology could not be sent'),
    );
  }
}
