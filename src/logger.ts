import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths that may hold secrets: never written, whatever a caller logs. */
const REDACTED = [
  'token',
  '*.token',
  'config.DISCORD_TOKEN',
  'config.TELEGRAM_TOKEN',
  'DISCORD_TOKEN',
  'TELEGRAM_TOKEN',
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * Structured logs on stderr (stdout belongs to the terminal chat and `ask --json`): pretty in a
 * terminal, JSON lines otherwise.
 */
export function createLogger(level: string, pretty = Boolean(process.stderr.isTTY)): Logger {
  const options = { level, redact: { paths: REDACTED, censor: '[redacted]' } };
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino(options, pino.destination({ fd: 2, sync: true }));
}
