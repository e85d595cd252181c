import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const optionalUrl = (example: string) =>
  optionalText.refine((value) => value === undefined || URL.canParse(value), `must be a URL such as ${example}`);

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every setting the bot reads from the environment; `.env.example` documents each one. */
export const ConfigSchema = z.object({
  DEFAULT_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be a two-letter language code such as pl')
    .default('pl'),
  DATA_FILE: optionalText,
  LOCALES_DIR: optionalText,
  /** Unset: info for the bots, warn for the terminal chat (whose screen is the conversation). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),

  STATE_DIR: optionalText,
  REDIS_URL: optionalUrl('redis://127.0.0.1:6379'),
  CONVERSATION_TTL_SECONDS: positiveInt(1800),
  RATE_LIMIT_COUNT: positiveInt(8),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(10),
  CONFIDENCE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),

  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: optionalUrl('https://discord.com/api'),
  /** 'auto', or a number of shards; unset runs one process without sharding. */
  DISCORD_SHARDS: z
    .union([z.literal('auto'), z.coerce.number().int().positive()])
    .optional()
    .or(z.literal('').transform(() => undefined)),

  TELEGRAM_TOKEN: optionalText,
  TELEGRAM_API_ROOT: optionalUrl('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: optionalUrl('https://bot.example.org/telegram'),
  TELEGRAM_WEBHOOK_SECRET: optionalText,
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65535).default(8443),
});
export type Config = z.infer<typeof ConfigSchema>;

/** A setting that cannot be used; its message is one line naming it and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const [issue] = result.error.issues;
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`${name} ${issue?.message ?? 'is invalid'} — fix it in the environment or .env`);
  }
  return result.data;
}
