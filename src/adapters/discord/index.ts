import { Client, type ClientOptions, Events, GatewayIntentBits, type Interaction, Partials } from 'discord.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Assistant } from '../../service/assistant.js';
import type { AdapterLifecycle, RunningAdapter } from '../adapter.js';
import { adapterLogger, keyedQueue } from '../shared.js';
import { commandsByName } from './commands/index.js';
import { handleComponent } from './components.js';
import { DEFAULT_DEFER_AFTER_MS, type DiscordDeps, guard } from './context.js';
import { handleMessage } from './messages.js';

export { commandDefinitions } from './commands/index.js';

export type DiscordConfig = Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL' | 'DISCORD_SHARDS'>;

export interface StartDiscordOptions {
  assistant: Assistant;
  config: DiscordConfig;
  logger: Logger;
  /** Health reports and unrecoverable failures go to main.ts through this. */
  lifecycle?: AdapterLifecycle | undefined;
  /** An interaction not answered within this time is deferred (tests lower it). */
  deferAfterMs?: number;
}

export interface DiscordAdapter extends RunningAdapter {
  readonly client: Client;
}

/**
 * Guilds for slash commands in servers, GuildMessages and DirectMessages for questions by mention
 * and in DMs — none of them privileged: Discord sends the content of a message that mentions the
 * bot, and of a DM, without the MessageContent intent. A DM channel is not cached before its first
 * message, hence Partials.Channel.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/** DISCORD_SHARDS as client options: unset one connection, 'auto' Discord's recommendation, n shards 0..n-1. */
export function shardOptions(shards: DiscordConfig['DISCORD_SHARDS']): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (shards === undefined) return {};
  if (shards === 'auto') return { shards: 'auto' };
  return { shards: Array.from({ length: shards }, (_, id) => id), shardCount: shards };
}

export function createDiscordClient(config: DiscordConfig): Client {
  return new Client({
    intents: INTENTS,
    partials: [Partials.Channel],
    // Nothing the bot says pings anyone, whatever the question quoted.
    allowedMentions: { parse: [], repliedUser: false },
    ...(config.DISCORD_API_URL ? { rest: { api: config.DISCORD_API_URL } } : {}),
    ...shardOptions(config.DISCORD_SHARDS),
  });
}

/** Connects the bot to the gateway and answers slash commands, components, mentions and DMs. */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordAdapter> {
  const token = options.config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set');
  const logger = adapterLogger(options.logger, 'discord', token);
  const deps: DiscordDeps = {
    assistant: options.assistant,
    logger,
    deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
    serial: keyedQueue(),
  };
  const client = createDiscordClient(options.config);
  const inFlight = new Set<Promise<unknown>>();
  const down = new Set<number>();
  let stopping = false;

  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const onInteraction = (interaction: Interaction): Promise<void> =>
    guard(deps, interaction, async () => {
      if (interaction.isChatInputCommand()) {
        const command = commandsByName.get(interaction.commandName);
        if (!command) throw new Error(`unknown command /${interaction.commandName}`);
        await command.execute(interaction, deps);
      } else if (interaction.isAutocomplete()) {
        const command = commandsByName.get(interaction.commandName);
        await (command?.autocomplete?.(interaction, deps) ?? interaction.respond([]));
      } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
        await handleComponent(interaction, deps);
      }
    });

  client.on(Events.InteractionCreate, (interaction) => {
    if (!stopping) track(onInteraction(interaction));
  });
  client.on(Events.MessageCreate, (message) => {
    if (!stopping && client.user) track(handleMessage(message, deps, client.user.id));
  });
  client.on(Events.ShardReady, (id) => down.delete(id));
  client.on(Events.ShardResume, (id) => down.delete(id));
  client.on(Events.ShardDisconnect, (_event, id) => down.add(id));
  client.on(Events.ShardReconnecting, (id) => {
    down.add(id);
    logger.warn({ shard: id }, 'discord: reconnecting');
  });
  client.on(Events.ShardError, (error, id) => logger.warn({ err: error, shard: id }, 'discord: shard error'));
  client.on(Events.Error, (error) => logger.error({ err: error }, 'discord: client error'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Discord: cannot log in: ${reason.split(token).join('[redacted]')}`);
  }
  const user = (await ready).user;
  logger.info({ user: user.tag, shards: client.ws.shards.size }, 'discord: connected');

  return {
    name: 'discord',
    client,
    healthy: () => !stopping && client.isReady() && down.size === 0,
    health: () => ({ status: !stopping && client.isReady() && down.size === 0 ? 'ready' : 'down' }),
    async stop() {
      stopping = true;
      // Questions already taken are answered before the connection and the store are closed.
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
  };
}
