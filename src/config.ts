import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { issueMessage } from './domain/issues.js';
import { settingError, settingsOf } from './settings.js';

export { ConfigError, settingError } from './settings.js';

// Every setting goes through the same steps: an empty value is unset (then its default applies),
// the value is checked by its schema below, and a problem becomes one ConfigError line naming the
// setting, what is wrong and how to fix it. The blocks are per concern, so each adapter keeps its
// own settings together.

/** Settings taken as written (tokens, ids): any value is valid, and is itself. */
const freeText = new WeakSet<z.ZodType>();
const text = () => {
  const schema = z.string().optional();
  freeText.add(schema);
  return schema;
};

const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const message =
    max === Number.MAX_SAFE_INTEGER
      ? `must be a whole number of at least ${min}`
      : `must be a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error: message })
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
};
const positiveInt = (fallback: number) => wholeNumber(1).default(fallback);
const port = () => wholeNumber(1, 65535);

/** A URL with one of the given schemes ("https:"), such as the example. */
const url = (schemes: readonly string[], example: string) =>
  z
    .string()
    .refine((value) => URL.canParse(value), { error: `must be a URL such as ${example}` })
    .refine((value) => !URL.canParse(value) || schemes.includes(new URL(value).protocol), {
      error: (issue) => {
        const scheme =
          typeof issue.input === 'string' && URL.canParse(issue.input) ? new URL(issue.input).protocol : '';
        return `must start with ${schemes.map((s) => `${s}//`).join(' or ')} (it starts with ${scheme}), such as ${example}`;
      },
    })
    .optional();

type PathKind = 'folder' | 'file';
function kindOf(path: string): PathKind | 'other' | undefined {
  try {
    const stats = statSync(path);
    return stats.isDirectory() ? 'folder' : stats.isFile() ? 'file' : 'other';
  } catch {
    return undefined;
  }
}

/** A path that, when it exists, is of the right kind; `mustExist` also requires it to be there. */
const path = (kind: PathKind, mustExist: boolean) =>
  z
    .string()
    .superRefine((value, ctx) => {
      const found = kindOf(value);
      if (found === undefined && mustExist) ctx.addIssue({ code: 'custom', message: 'does not exist' });
      else if (found !== undefined && found !== kind) {
        const is = found === 'folder' ? 'a folder' : found === 'file' ? 'a file' : 'not a regular file';
        ctx.addIssue({ code: 'custom', message: `is ${is}, not a ${kind}` });
      }
    })
    .optional();

const host = () =>
  z
    .string()
    .refine((value) => isIP(value) !== 0 || /^[a-z0-9.-]+$/i.test(value), {
      error: 'must be an IP address or a host name such as 127.0.0.1 or 0.0.0.0',
    })
    .optional();

const answers = {
  /** Must also have a folder in LOCALES_DIR; checked once the locales are loaded (bootstrap.ts). */
  DEFAULT_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2}$/, { error: 'must be a two-letter language code such as pl' })
    .default('pl'),
  DATA_FILE: path('file', true),
  LOCALES_DIR: path('folder', true),
  CONFIDENCE_THRESHOLD: z.coerce
    .number({ error: 'must be a number from 0 to 1' })
    .min(0, { error: 'must be a number from 0 to 1' })
    .max(1, { error: 'must be a number from 0 to 1' })
    .default(0.5),
};

const state = {
  /** Created when missing. */
  STATE_DIR: path('folder', false),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  CONVERSATION_TTL_SECONDS: positiveInt(1800),
  RATE_LIMIT_COUNT: positiveInt(8),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(10),
};

const operations = {
  /** Unset: info for the bots, warn for the terminal chat (whose screen is the conversation). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  HEALTH_PORT: port().optional(),
  /** Unset: 127.0.0.1, or 0.0.0.0 inside a container (ops/health.ts, defaultHealthHost). */
  HEALTH_HOST: host(),
};

const discord = {
  DISCORD_TOKEN: text(),
  DISCORD_APPLICATION_ID: text(),
  DISCORD_GUILD_ID: text(),
  DISCORD_API_URL: url(['https:', 'http:'], 'https://discord.com/api'),
  /** The total number of shards: 'auto' (Discord's recommendation) or a number. */
  DISCORD_SHARDS: z
    .union([z.literal('auto'), wholeNumber(1)], { error: 'must be auto or a whole number of at least 1' })
    .default('auto'),
  /** The shards this process runs ("0-3", "4,5"); unset: all of them. Needs DISCORD_SHARDS as a number. */
  DISCORD_SHARD_IDS: z
    .string()
    .regex(/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/, {
      error: 'must list shard ids such as 0-3 or 0,2,4',
    })
    .optional(),
  /** READY must come within this time (plus 5 s a shard past the first), or start-up fails. */
  DISCORD_LOGIN_TIMEOUT_SECONDS: positiveInt(60),
  /** With REDIS_URL: how long a shard's lease lasts without renewal (a crashed process's shards wait this long). */
  DISCORD_SHARD_LEASE_SECONDS: positiveInt(15),
};

const telegram = {
  TELEGRAM_TOKEN: text(),
  TELEGRAM_API_ROOT: url(['https:', 'http:'], 'https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: url(['https:', 'http:'], 'https://bot.example.org/telegram'),
  TELEGRAM_WEBHOOK_SECRET: text(),
  TELEGRAM_WEBHOOK_PORT: port().default(8443),
  /** Unset: 127.0.0.1, or 0.0.0.0 inside a container (adapters/telegram/webhook.ts, defaultWebhookHost). */
  TELEGRAM_WEBHOOK_HOST: host(),
};

/** Every setting the bot reads from the environment; `.env.example` documents each one. */
export const ConfigSchema = z.object({ ...answers, ...state, ...operations, ...discord, ...telegram });
export type Config = z.infer<typeof ConfigSchema>;
export type SettingName = keyof Config;

export const SETTING_NAMES = Object.keys(ConfigSchema.shape) as SettingName[];

/**
 * What loadConfig gives without zod for an environment that sets only settings taken as written:
 * the defaults, and those values. The one-shot `npm run ask` keeps this with the checked files
 * (src/domain/checked.ts) so that it can start without loading the schemas.
 */
export interface ConfigShortcut {
  names: readonly string[];
  freeText: readonly string[];
  defaults: Config;
}

export function configShortcut(): ConfigShortcut {
  return {
    names: SETTING_NAMES,
    freeText: SETTING_NAMES.filter((name) => freeText.has(ConfigSchema.shape[name])),
    defaults: ConfigSchema.parse({}),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const settings = settingsOf(env, SETTING_NAMES);
  const result = ConfigSchema.safeParse(settings);
  if (!result.success) {
    const [issue] = result.error.issues;
    const name = String(issue?.path[0] ?? 'environment');
    throw settingError(name, settings[name], issue ? issueMessage(issue) : 'is invalid');
  }
  return result.data;
}
