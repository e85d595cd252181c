import pino from 'pino';
import type { Logger } from '../../logger.js';

/**
 * The adapter's logger: errors are serialised with the bot token scrubbed from every field. A
 * failed request's message and stack carry the Bot API URL, and that URL carries the token.
 */
export function telegramLogger(logger: Logger, token: string): Logger {
  const scrub = (error: unknown) => {
    const serialised = JSON.stringify(pino.stdSerializers.err(error as Error));
    return JSON.parse(serialised.split(token).join('[redacted]')) as unknown;
  };
  return logger.child({ adapter: 'telegram' }, { serializers: { err: scrub } });
}
