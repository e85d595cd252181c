/**
 * Gateway close codes after which reconnecting cannot help: each is one line for the operator,
 * saying what to fix. Discord documents them at
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes
 */
const FATAL_CLOSE_CODES: Readonly<Record<number, string>> = {
  4004: 'DISCORD_TOKEN was rejected (close 4004): reset it in the Developer Portal (Bot → Reset Token) and set the new one',
  4010: 'Discord rejected a shard id (close 4010): DISCORD_SHARD_IDS must be below DISCORD_SHARDS',
  4011: 'Discord requires more shards (close 4011): set DISCORD_SHARDS=auto, or a larger number',
  4012: 'Discord rejected the gateway version (close 4012): update discord.js',
  4013: 'Discord rejected the intents (close 4013): the bot asks for intents that do not exist; update the bot',
  4014: 'Discord refused a privileged intent (close 4014): the bot needs none; update the bot, or enable the intent in the Developer Portal (Bot → Privileged Gateway Intents)',
};

/** The operator's line for a close code that ends the bot, or undefined when discord.js reconnects. */
export const fatalCloseLine = (code: number): string | undefined => FATAL_CLOSE_CODES[code];

export const TOKEN_REJECTED =
  'DISCORD_TOKEN was rejected (401): reset it in the Developer Portal (Bot → Reset Token) and set the new one';

/** READY did not come in time: either Discord is away or DISCORD_API_URL points somewhere else. */
export const noReadyLine = (seconds: number, detail: string): string =>
  `Discord did not send READY within ${seconds} s (${detail}): check DISCORD_API_URL, the network, and https://discordstatus.com`;
