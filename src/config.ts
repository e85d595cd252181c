import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** Every setting the bot reads from the environment; `.env.example` documents each one. */
export const ConfigSchema = z.object({
  DEFAULT_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2}$/, 'must be a two-letter language code such as pl')
    .default('pl'),
  DATA_FILE: optionalText,
  LOCALES_DIR: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DISCORD_TOKEN: optionalText,
  TELEGRAM_TOKEN: optionalText,
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
