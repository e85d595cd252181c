/**
 * How an adapter is seen by /healthz: `starting` until its platform has accepted it, `ready` while
 * it talks to the platform successfully, `down` when it cannot (an outage, a lost connection).
 */
export type AdapterStatus = 'starting' | 'ready' | 'down';

export interface AdapterHealth {
  readonly status: AdapterStatus;
  /** One line for the operator saying why it is not ready ("getUpdates: 502 Bad Gateway"). */
  readonly detail?: string | undefined;
}

/** What main.ts hands every adapter it starts. */
export interface AdapterLifecycle {
  /** Called whenever the adapter's health changes, from `starting` on, so /healthz can show it. */
  report(health: AdapterHealth): void;
  /**
   * An unrecoverable failure after start (token reset, 401, disallowed intents): main stops every
   * part in reverse order and exits non-zero with this one line, which says what to fix.
   */
  fatal(line: string): void;
}

/** A running chat front end, as main.ts sees it. */
export interface RunningAdapter {
  readonly name: string;
  /** Connected to its platform (for /healthz). */
  healthy(): boolean;
  /** The adapter's state now; replaces healthy() (kept until every caller moves over). */
  health(): AdapterHealth;
  /** Stops taking new questions and closes its connections. */
  stop(): Promise<void>;
}

/** What apologyText needs of the engine. */
export interface ApologyWords {
  readonly defaultLanguage: string;
  languageOf(locale: string | undefined): string | undefined;
  say(language: string, key: string): string;
}

/**
 * The apology for a question that failed, in the first language the platform's hints name (the
 * user's locale, then the server's or chat's), else the default language. It never reads the store:
 * the store may be what failed.
 */
export function apologyText(engine: ApologyWords, ...locales: (string | null | undefined)[]): string {
  const language =
    locales.map((locale) => engine.languageOf(locale ?? undefined)).find((found) => found !== undefined) ??
    engine.defaultLanguage;
  return engine.say(language, 'apology');
}
