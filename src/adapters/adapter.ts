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
