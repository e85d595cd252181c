// What every setting shares, without its schema (and so without zod): how a value is read from the
// environment and how a problem with it is said. src/config.ts holds the schemas.

/** A setting that cannot be used; its message is one line naming it and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** How to fix a setting, where more can be said than "set it or leave it empty". */
const FIXES: Partial<Record<string, string>> = {
  STATE_DIR: 'set STATE_DIR to a folder (it is created when missing), or leave it empty for ./var',
  DATA_FILE: 'set DATA_FILE to the partners file, or leave it empty for data/partners.json',
  LOCALES_DIR: 'set LOCALES_DIR to the folder holding one folder a language, or leave it empty for locales/',
  REDIS_URL: 'set REDIS_URL to redis://host:port (rediss:// for TLS), or leave it empty to keep the state in SQLite',
  HEALTH_HOST: 'set HEALTH_HOST to the address to listen on, or leave it empty for 127.0.0.1 (0.0.0.0 in a container)',
};

/** Settings whose value is never repeated in a message (a token, or a URL that may hold a password). */
const SECRET = /TOKEN|SECRET|REDIS_URL/;

/** The one formatter of a setting problem: "NAME=value must be … — fix". */
export function settingError(name: string, value: unknown, problem: string, fix?: string): ConfigError {
  const shown =
    typeof value === 'string' && !SECRET.test(name)
      ? `=${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`
      : '';
  const remedy = fix ?? FIXES[name] ?? `set ${name} in the environment or .env, or leave it empty for the default`;
  return new ConfigError(`${name}${shown} ${problem} — ${remedy}`);
}

/** The settings given, by name: an empty value is unset, for every setting; surrounding spaces are dropped. */
export function settingsOf(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') settings[name] = value;
  }
  return settings;
}
