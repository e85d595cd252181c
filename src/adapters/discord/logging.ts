import pino from 'pino';
import type { Logger } from '../../logger.js';

/** The adapter's logger: errors are serialised with the bot token scrubbed from every field. */
export function discordLogger(logger: Logger, token: string): Logger {
  const scrub = (error: unknown) => {
    const serialised = JSON.stringify(pino.stdSerializers.err(error as Error));
    return JSON.parse(serialised.split(token).join('[redacted]')) as unknown;
  };
  return logger.child({ adapter: 'discord' }, { serializers: { err: scrub } });
}
