import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What the adapter counts and measures; a no-op without a registry. */
export interface DiscordMetrics {
  /** A 429 from Discord, by route. */
  rateLimited(route: string): void;
  /** Time from an interaction's creation to its first callback. */
  callback(seconds: number, kind: 'reply' | 'defer'): void;
  /** An answer that could not be sent, by reason (an expected 10062/40060 or a failure). */
  failedReply(reason: string): void;
  /** Gauges read when /metrics is scraped. */
  observe(read: () => Snapshot): void;
}

export interface Snapshot {
  /** Heartbeat round trip per shard, in ms (-1 before the first). */
  pings: Map<number, number>;
  /** Per shard: 1 ready, 0 not. */
  shards: Map<number, boolean>;
  guilds: number;
  channels: number;
}

export const noMetrics: DiscordMetrics = {
  rateLimited: () => undefined,
  callback: () => undefined,
  failedReply: () => undefined,
  observe: () => undefined,
};

/** Discord's metrics on the process's registry (the one /metrics serves). */
export function discordMetrics(registry: Registry | undefined): DiscordMetrics {
  if (!registry) return noMetrics;
  let read: (() => Snapshot) | undefined;
  const rateLimited = new Counter({
    name: 'discord_rest_rate_limited_total',
    help: 'Discord REST answers 429, by route.',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  const callbacks = new Histogram({
    name: 'discord_interaction_callback_seconds',
    help: 'From an interaction’s creation to the bot’s first answer (reply or deferral).',
    labelNames: ['kind'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5],
    registers: [registry],
  });
  const deferrals = new Counter({
    name: 'discord_deferrals_total',
    help: 'Interactions deferred (“thinking…”) because the answer could not be ready in time.',
    registers: [registry],
  });
  const failed = new Counter({
    name: 'discord_failed_replies_total',
    help: 'Answers that could not be sent, by reason (unknown_interaction and already_acknowledged are expected).',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'discord_gateway_ping_milliseconds',
    help: 'Heartbeat round trip per shard.',
    labelNames: ['shard'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [shard, ping] of read?.().pings ?? []) this.set({ shard: String(shard) }, ping);
    },
  });
  new Gauge({
    name: 'discord_shard_ready',
    help: 'Per shard run by this process: 1 ready, 0 connecting or down.',
    labelNames: ['shard'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [shard, ready] of read?.().shards ?? []) this.set({ shard: String(shard) }, ready ? 1 : 0);
    },
  });
  new Gauge({
    name: 'discord_guilds',
    help: 'Servers in this process’s cache.',
    registers: [registry],
    collect() {
      this.set(read?.().guilds ?? 0);
    },
  });
  new Gauge({
    name: 'discord_channels',
    help: 'Channels in this process’s cache.',
    registers: [registry],
    collect() {
      this.set(read?.().channels ?? 0);
    },
  });
  return {
    rateLimited: (route) => rateLimited.inc({ route }),
    callback(seconds, kind) {
      callbacks.observe({ kind }, seconds);
      if (kind === 'defer') deferrals.inc();
    },
    failedReply: (reason) => failed.inc({ reason }),
    observe(reader) {
      read = reader;
    },
  };
}
