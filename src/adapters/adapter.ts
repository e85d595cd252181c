/** A running chat front end, as main.ts sees it. */
export interface RunningAdapter {
  readonly name: string;
  /** Connected to its platform (for /healthz). */
  healthy(): boolean;
  /** Stops taking new questions and closes its connections. */
  stop(): Promise<void>;
}
