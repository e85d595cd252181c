import { type Client, Events, type Interaction, Routes } from 'discord.js';
import type { Registry } from 'prom-client';
import { type Config, ConfigError } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Assistant } from '../../service/assistant.js';
import { UNANSWERED_RETENTION_DAYS } from '../../store/unanswered.js';
import type { AdapterHealth, AdapterLifecycle, RunningAdapter } from '../adapter.js';
import { adapterLogger, keyedQueue } from '../shared.js';
import { createDiscordClient } from './client.js';
import { messageCommandsByName, slashCommandsByName } from './commands/index.js';
import { handleComponent } from './components.js';
import { DEFAULT_DEFER_AFTER_MS, type DiscordDeps, guard } from './context.js';
import { loggable, routeOf } from './errors.js';
import { fatalCloseLine, noReadyLine, TOKEN_REJECTED } from './gateway.js';
import { createLocales, memoryPreferences, type Preferences, USER_LOCALE_TTL_MS } from './language.js';
import { localLeases, redisLeases, type ShardLeases } from './lease.js';
import { handleMessage } from './messages.js';
import { discordMetrics } from './metrics.js';
import { planShards, type ShardPlan } from './shards.js';

export { INTENTS } from './client.js';
export { commandDefinitions } from './commands/index.js';

export type DiscordConfig = Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_API_URL'> &
  Partial<
    Pick<
      Config,
      | 'DISCORD_SHARDS'
      | 'DISCORD_SHARD_IDS'
      | 'DISCORD_LOGIN_TIMEOUT_SECONDS'
      | 'DISCORD_SHARD_LEASE_SECONDS'
      | 'DISCORD_GUILD_ID'
      | 'DISCORD_APPLICATION_ID'
      | 'REDIS_URL'
      | 'CONVERSATION_TTL_SECONDS'
    >
  >;

export interface StartDiscordOptions {
  assistant: Assistant;
  config: DiscordConfig;
  logger: Logger;
  /** Health reports and unrecoverable failures go to main.ts through this. */
  lifecycle?: AdapterLifecycle | undefined;
  /** Where a server's language and a user's last locale are kept (the state store); in memory without it. */
  preferences?: Preferences | undefined;
  /** The registry /metrics serves; Discord's metrics are added to it. */
  metrics?: Registry | undefined;
  /** Key prefix of the shard leases in Redis (the store's). */
  leasePrefix?: string | undefined;
  /** An interaction not answered within this time of its creation is deferred (tests change it). */
  deferAfterMs?: number;
}

export interface DiscordAdapter extends RunningAdapter {
  readonly client: Client;
  readonly shards: ShardPlan;
}

/** An unrecoverable Discord failure after start, when no lifecycle was given to report it to. */
export class DiscordFatalError extends Error {
  override name = 'DiscordFatalError';
}

const DESTROY_WAIT_MS = 2000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Discord's identify rate for ordinary bots: one shard every 5 s. */
const IDENTIFY_SPACING_MS = 5000;

const rejectAfter = (ms: number, line: () => string) => {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(line())), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
};

/**
 * Connects the bot to the gateway and answers slash commands, components, mentions and DMs.
 *
 * Start-up either completes or rejects with one line saying what to fix: a rejected token, a
 * close code after which reconnecting cannot help, or READY not coming within the deadline. After
 * start, such a close code goes to `lifecycle.fatal`; anything else is reported as health while
 * discord.js reconnects. With REDIS_URL, each shard is leased, so a second process on the same
 * token waits instead of answering every event a second time.
 */
export async function startDiscord(options: StartDiscordOptions): Promise<DiscordAdapter> {
  const { config } = options;
  const token = config.DISCORD_TOKEN;
  if (!token) throw new ConfigError('discord: DISCORD_TOKEN is not set');
  const logger = adapterLogger(options.logger, 'discord', token);
  let health: AdapterHealth = { status: 'starting' };
  const report = (next: AdapterHealth) => {
    if (next.status === health.status && next.detail === health.detail) return;
    health = next;
    options.lifecycle?.report(next);
  };
  options.lifecycle?.report(health);

  const metrics = discordMetrics(options.metrics);
  const preferences = options.preferences ?? memoryPreferences();
  const deps: DiscordDeps = {
    assistant: options.assistant,
    logger,
    deferAfterMs: options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
    serial: keyedQueue(),
    locales: createLocales(() => options.assistant.engine, preferences),
    metrics,
    commandIds: new Map(),
    drawn: new Set(),
    retention: {
      conversationMinutes: Math.round((config.CONVERSATION_TTL_SECONDS ?? 1800) / 60),
      localeDays: Math.round(USER_LOCALE_TTL_MS / 86_400_000),
      unansweredDays: UNANSWERED_RETENTION_DAYS,
    },
  };

  // The shard plan comes first: with 'auto' it asks Discord, which also checks the token.
  const probe = createDiscordClient({ apiUrl: config.DISCORD_API_URL, shards: [0], shardCount: 1 });
  probe.rest.setToken(token);
  const plan = await planShards(config, async () => {
    const gateway = (await probe.rest.get(Routes.gatewayBot())) as { shards: number };
    return gateway.shards;
  })
    .catch((error: unknown) => {
      const status = (error as { status?: number }).status;
      const reason = status === 401 ? TOKEN_REJECTED : error instanceof Error ? error.message : String(error);
      throw new ConfigError(`discord: ${reason.split(token).join('[redacted]')}`);
    })
    .finally(() => probe.destroy());

  const stopLeasing = new AbortController();
  let stopping = false;
  let started = false;
  let failStart: ((error: Error) => void) | undefined;
  const failedStart = new Promise<never>((_, reject) => {
    failStart = reject;
  });
  void failedStart.catch(() => undefined);

  const leases: ShardLeases = config.REDIS_URL
    ? redisLeases({
        url: config.REDIS_URL,
        prefix: options.leasePrefix ?? 'siedlce',
        ttlMs: (config.DISCORD_SHARD_LEASE_SECONDS ?? 15) * 1000,
      })
    : localLeases();
  const client = createDiscordClient({
    apiUrl: config.DISCORD_API_URL,
    shards: plan.ids,
    shardCount: plan.count,
    identifyThrottler: leases.identifyThrottler,
  });
  const fatal = (line: string) => {
    if (stopping) return;
    if (!started) {
      failStart?.(new Error(line));
      return;
    }
    logger.error({ reason: line }, 'discord: cannot go on');
    report({ status: 'down', detail: line });
    if (options.lifecycle) options.lifecycle.fatal(line);
    // Nobody to tell: the process must not live on without Discord, so the line ends it.
    else
      setImmediate(() => {
        throw new DiscordFatalError(line);
      });
  };
  leases.onLost((shard) =>
    fatal(
      `Discord shard ${shard}: its lease in Redis was lost (another process took over, or Redis was away for longer than DISCORD_SHARD_LEASE_SECONDS)`,
    ),
  );

  const inFlight = new Set<Promise<unknown>>();
  const down = new Map<number, string>();
  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const refresh = () => {
    if (stopping || !started) return;
    const [first] = down.values();
    report(first === undefined ? { status: 'ready' } : { status: 'down', detail: first });
  };
  /**
   * Events are answered only while every lease of this process is surely valid: past that, another
   * process may hold a shard and answer the same event (a lost lease also ends this process).
   */
  const ours = () => !stopping && plan.ids.every((shard) => leases.holds(shard));

  const onInteraction = (interaction: Interaction): Promise<void> =>
    guard(deps, interaction, async () => {
      if (interaction.isChatInputCommand()) {
        const command = slashCommandsByName.get(interaction.commandName);
        if (!command) throw new Error(`unknown command /${interaction.commandName}`);
        await command.execute(interaction, deps);
      } else if (interaction.isMessageContextMenuCommand()) {
        const command = messageCommandsByName.get(interaction.commandName);
        if (!command) throw new Error(`unknown message command ${interaction.commandName}`);
        await command.execute(interaction, deps);
      } else if (interaction.isAutocomplete()) {
        const command = slashCommandsByName.get(interaction.commandName);
        await (command?.autocomplete?.(interaction, deps) ?? interaction.respond([]));
      } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
        await handleComponent(interaction, deps);
      }
    });

  client.on(Events.InteractionCreate, (interaction) => {
    if (ours()) track(onInteraction(interaction));
  });
  client.on(Events.MessageCreate, (message) => {
    if (client.user && ours()) track(handleMessage(message, deps, client.user.id));
  });
  client.on(Events.ShardReady, (id) => {
    down.delete(id);
    refresh();
  });
  client.on(Events.ShardResume, (id) => {
    down.delete(id);
    refresh();
  });
  client.on(Events.ShardDisconnect, (event, id) => {
    const line = fatalCloseLine(event.code);
    if (line) return fatal(line);
    down.set(id, `shard ${id} disconnected (close ${event.code})`);
    refresh();
  });
  client.on(Events.ShardReconnecting, (id) => {
    down.set(id, `shard ${id} reconnecting`);
    refresh();
    logger.warn({ shard: id }, 'discord: reconnecting');
  });
  client.on(Events.ShardError, (error, id) => logger.warn({ ...loggable(error), shard: id }, 'discord: shard error'));
  client.on(Events.Error, (error) => logger.error({ ...loggable(error) }, 'discord: client error'));
  client.rest.on('response', (request, response) => {
    if (response.status === 429) metrics.rateLimited(routeOf(request.route));
  });
  metrics.observe(() => ({
    pings: new Map([...client.ws.shards.values()].map((shard) => [shard.id, shard.ping])),
    shards: new Map(plan.ids.map((id) => [id, client.ws.shards.get(id)?.status === 0])),
    guilds: client.guilds.cache.size,
    channels: client.channels.cache.size,
  }));

  const giveUp = async () => {
    stopping = true;
    stopLeasing.abort();
    endPendingWaits(client);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.race([client.destroy().catch(() => undefined), sleep(DESTROY_WAIT_MS)]);
    await leases.release();
  };

  try {
    await Promise.race([
      leases.acquire(
        plan.ids,
        (shard) => {
          logger.info({ shard }, 'discord: another process runs this shard; waiting for its lease');
          report({ status: 'starting', detail: `waiting for shard ${shard}, run by another process` });
        },
        stopLeasing.signal,
      ),
      failedStart,
    ]);
    report({ status: 'starting' });
    const seconds = (config.DISCORD_LOGIN_TIMEOUT_SECONDS ?? 60) + ((plan.ids.length - 1) * IDENTIFY_SPACING_MS) / 1000;
    const deadline = rejectAfter(seconds * 1000, () =>
      noReadyLine(seconds, `${plan.ids.length - down.size} of ${plan.ids.length} shard(s) connected`),
    );
    const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
    try {
      await Promise.race([client.login(token).then(() => ready), failedStart, deadline.promise]);
    } finally {
      deadline.cancel();
    }
  } catch (error) {
    await giveUp();
    const reason = error instanceof Error ? error.message : String(error);
    const line = /TokenInvalid|invalid token/i.test(reason) ? TOKEN_REJECTED : reason;
    report({ status: 'down', detail: line });
    // A setting to fix, said in one line ("Cannot start: …"), like any other bad setting.
    throw new ConfigError(`discord: ${line.split(token).join('[redacted]')}`);
  }
  started = true;
  refresh();
  logger.info({ user: client.user?.tag, shards: plan.ids, of: plan.count }, 'discord: connected');
  void fetchCommandIds(client, config.DISCORD_GUILD_ID).then(
    (ids) => {
      for (const [name, id] of ids) deps.commandIds.set(name, id);
    },
    (error: unknown) =>
      logger.warn({ ...loggable(error) }, 'discord: could not read the command ids (/help shows names)'),
  );

  return {
    name: 'discord',
    client,
    shards: plan,
    healthy: () => health.status === 'ready',
    health: () => health,
    async stop() {
      stopping = true;
      // Questions already taken are answered before the connection, the lease and the store go.
      await Promise.allSettled([...inFlight]);
      await client.destroy();
      await leases.release();
      report({ status: 'down', detail: 'stopped' });
    },
  };
}

/**
 * @discordjs/ws 1.2 takes the abort of a shard's wait for HELLO or READY, which destroy() does, for
 * a timeout, and reconnects (a new IDENTIFY, and destroy() never returns). Ending those waits first
 * (the shard's own "closed" event ends them quietly) lets destroy() close the shard for good. It
 * reaches into the shard objects, so it does nothing if their shape changes.
 */
function endPendingWaits(client: Client): void {
  type Shard = { emit?: (event: string, payload: unknown) => unknown };
  const manager = (client.ws as unknown as { _ws?: { strategy?: { shards?: Map<number, Shard> } } })._ws;
  const shards = manager?.strategy?.shards;
  if (!(shards instanceof Map)) return;
  for (const shard of shards.values()) if (typeof shard.emit === 'function') shard.emit('closed', { code: 1000 });
}

/** The registered commands' ids by name, for clickable mentions in /help. */
async function fetchCommandIds(client: Client, guildId: string | undefined): Promise<Map<string, string>> {
  const application = client.application;
  if (!application) return new Map();
  const global = await application.commands.fetch();
  const local = guildId ? await application.commands.fetch({ guildId }).catch(() => undefined) : undefined;
  return new Map([...global.values(), ...(local?.values() ?? [])].map((command) => [command.name, command.id]));
}
