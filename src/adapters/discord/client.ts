import {
  Client,
  type ClientOptions,
  DefaultRestOptions,
  GatewayIntentBits,
  type GuildMember,
  Options,
  Partials,
  SnowflakeUtil,
} from 'discord.js';

/** discord.js's hook for when a shard may IDENTIFY. */
export type BuildIdentifyThrottler = NonNullable<NonNullable<ClientOptions['ws']>['buildIdentifyThrottler']>;

/**
 * Guilds for slash commands in servers, GuildMessages and DirectMessages for questions by mention
 * and in DMs — none of them privileged: Discord sends the content of a message that mentions the
 * bot, and of a DM, without the MessageContent intent. A DM channel is not cached before its first
 * message, hence Partials.Channel.
 */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

/** Discord's window for the first answer to an interaction (callback), counted from its creation. */
export const CALLBACK_WINDOW_MS = 3000;

const CALLBACK_ROUTE = /\/interactions\/(\d+)\/[^/]+\/callback/;

/** When an interaction callback's window has closed: a retry could only earn a 10062. */
export function callbackExpired(url: string, now = Date.now()): boolean {
  const id = CALLBACK_ROUTE.exec(url)?.[1];
  return id !== undefined && now - SnowflakeUtil.timestampFrom(id) > CALLBACK_WINDOW_MS;
}

/** The error a callback past its window fails with instead of being sent (or retried) again. */
export class CallbackWindowClosed extends Error {
  override name = 'CallbackWindowClosed';
  readonly code = 10062;
  readonly status = 0;
  readonly method = 'POST';
  readonly route = '/interactions/:id/:token/callback';
  constructor() {
    super('the interaction callback window (3 s) has closed');
  }
}

/**
 * Caches for what the bot reads and nothing else: servers (locale, features), their channels and
 * roles (permissions), and the bot's own member. No message is ever read again, so none is kept
 * (discord.js keeps 200 a channel by default); users and members come with every event and are
 * dropped; threads are swept an hour after they were archived.
 */
export function leanCaches(): Pick<ClientOptions, 'makeCache' | 'sweepers'> {
  return {
    makeCache: Options.cacheWithLimits({
      MessageManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user?.id },
      GuildMemberManager: {
        maxSize: 0,
        keepOverLimit: (member: GuildMember) => member.id === member.client.user?.id,
      },
      ThreadMemberManager: 0,
      PresenceManager: 0,
      VoiceStateManager: 0,
      GuildEmojiManager: 0,
      BaseGuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildInviteManager: 0,
      GuildBanManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      AutoModerationRuleManager: 0,
      ApplicationCommandManager: 0,
      EntitlementManager: 0,
    }),
    sweepers: {
      ...Options.DefaultSweeperSettings,
      threads: { interval: 3600, lifetime: 3600 },
    },
  };
}

export interface ClientSettings {
  apiUrl?: string | undefined;
  shards: number[];
  shardCount: number;
  /** When IDENTIFY may be sent, shared by every process of the bot. */
  identifyThrottler?: BuildIdentifyThrottler | undefined;
}

/** The discord.js client with the bot's intents, lean caches, no pings, and callbacks that are not retried late. */
export function createDiscordClient(settings: ClientSettings): Client {
  const baseRequest = DefaultRestOptions.makeRequest;
  return new Client({
    intents: INTENTS,
    partials: [Partials.Channel],
    // Nothing the bot says pings anyone, whatever the question quoted.
    allowedMentions: { parse: [], repliedUser: false },
    ...leanCaches(),
    rest: {
      ...(settings.apiUrl ? { api: settings.apiUrl } : {}),
      // A callback is worth sending only within 3 s of the interaction: @discordjs/rest would retry a
      // 500 three times and wait out a 429, long after Discord forgot the interaction.
      makeRequest: (url, init) =>
        callbackExpired(url) ? Promise.reject(new CallbackWindowClosed()) : baseRequest(url, init),
      rejectOnRateLimit: (data) => data.route.startsWith('/interactions/'),
    },
    shards: settings.shards,
    shardCount: settings.shardCount,
    ...(settings.identifyThrottler ? { ws: { buildIdentifyThrottler: settings.identifyThrottler } } : {}),
  });
}
