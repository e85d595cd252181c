import { REST, Routes } from 'discord.js';
import type { Config } from '../../config.js';
import { ConfigError } from '../../config.js';
import type { Engine } from '../../engine/index.js';
import { commandDefinitions } from './commands/index.js';

export interface Registered {
  count: number;
  /** 'global', or the server the commands were registered for. */
  scope: string;
}

/**
 * Bulk-overwrites the bot's slash commands: for DISCORD_GUILD_ID when set (shown at once, for
 * testing), else globally (every server and DM). Commands not in the list are deleted by Discord.
 */
export async function registerCommands(
  config: Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_GUILD_ID' | 'DISCORD_API_URL'>,
  engine: Engine,
): Promise<Registered> {
  const token = config.DISCORD_TOKEN;
  const application = config.DISCORD_APPLICATION_ID;
  if (!token) throw new ConfigError('DISCORD_TOKEN is required to register the commands');
  if (!application) {
    throw new ConfigError(
      'DISCORD_APPLICATION_ID is required to register the commands (Developer Portal → General Information)',
    );
  }
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(token);
  const guild = config.DISCORD_GUILD_ID;
  const route = guild ? Routes.applicationGuildCommands(application, guild) : Routes.applicationCommands(application);
  const body = commandDefinitions(engine);
  try {
    const saved = (await rest.put(route, { body })) as unknown[];
    return { count: saved.length, scope: guild ? `server ${guild}` : 'global' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Discord: could not register the commands: ${reason.split(token).join('[redacted]')}`);
  }
}
