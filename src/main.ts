import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { RunningAdapter } from './adapters/adapter.js';
import { runConsole } from './adapters/console/console.js';
import { startDiscord } from './adapters/discord/index.js';
import { startTelegram } from './adapters/telegram/index.js';
import { engineFromConfig } from './bootstrap.js';
import { runMain } from './cli/run-main.js';
import { loadConfig } from './config.js';
import { DEFAULT_DATA_FILE } from './domain/load.js';
import { DEFAULT_LOCALES_DIR } from './domain/locales.js';
import { createLogger } from './logger.js';
import { loadDotEnv } from './ops/env.js';
import { type HealthServer, startHealthServer } from './ops/health.js';
import { createMetrics } from './ops/metrics.js';
import { dataFolders, watchAndReload } from './ops/reload.js';
import { createAssistant } from './service/assistant.js';
import { createRateLimiter } from './store/rate-limit.js';
import { openStore } from './store/state.js';

/** A stop must be over within this time; past it the process exits with 1. */
const STOP_DEADLINE_MS = 5000;

runMain(async () => {
  loadDotEnv();
  const config = loadConfig();
  const chatOnly = !config.TELEGRAM_TOKEN && !config.DISCORD_TOKEN;
  const logger = createLogger(config.LOG_LEVEL ?? (chatOnly ? 'warn' : 'info'));
  let engine = engineFromConfig(config);
  const metrics = createMetrics();
  const state = openStore({
    stateDir: config.STATE_DIR,
    redisUrl: config.REDIS_URL,
    conversationTtlMs: config.CONVERSATION_TTL_SECONDS * 1000,
    onError: (error) => {
      metrics.error('store');
      logger.warn({ err: error }, 'state store error');
    },
  });
  logger.info({ store: state.kind, location: state.location }, 'state store opened');
  const assistant = createAssistant({
    engine: () => engine,
    state,
    rateLimiter: createRateLimiter({
      counter: state.counter,
      limit: config.RATE_LIMIT_COUNT,
      windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
    }),
    unanswered: metrics.countUnanswered(state.unanswered),
    observer: metrics,
    confidenceThreshold: config.CONFIDENCE_THRESHOLD,
    logger,
  });

  // data/ and locales/ edits are picked up without a restart; an invalid edit keeps the old engine.
  const reloader = watchAndReload({
    folders: () => dataFolders(config.DATA_FILE ?? DEFAULT_DATA_FILE, config.LOCALES_DIR ?? DEFAULT_LOCALES_DIR),
    build: () => engineFromConfig(config),
    apply: (next) => {
      engine = next;
    },
    onReload: (ok) => metrics.reloaded(ok),
    logger,
  });

  // Adapters whose token is configured start here; the terminal chat runs when none is.
  const adapters: RunningAdapter[] = [];
  if (config.TELEGRAM_TOKEN) adapters.push(await startTelegram({ assistant, config, logger }));
  if (config.DISCORD_TOKEN) adapters.push(await startDiscord({ assistant, config, logger }));

  const consoleMode = adapters.length === 0;
  let health: HealthServer | undefined;
  if (config.HEALTH_PORT !== undefined) {
    health = await startHealthServer({
      port: config.HEALTH_PORT,
      adapters: () => (consoleMode ? [{ name: 'console', healthy: () => true }] : adapters),
      store: state,
      metrics,
      logger,
    });
    logger.info({ port: health.port }, 'health and metrics listening on /healthz and /metrics');
  }

  let stopping = false;
  const shutdown = async () => {
    reloader.close();
    await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
    await health?.close();
    await state.close();
  };
  // A repeated signal is ignored (Ctrl-C in a terminal reaches both tsx and the bot, and tsx
  // passes it on); the deadline ends a stop that hangs.
  const onSignal = (signal: NodeJS.Signals, stop: () => Promise<void>) => {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      setTimeout(() => {
        logger.error('stop took too long, exiting');
        process.exit(1);
      }, STOP_DEADLINE_MS).unref();
      void stop();
    });
  };

  if (consoleMode) {
    // The chat reads a stream of its own, so a signal can end it like end of input: the question
    // being answered finishes and its state is written before the store is closed.
    const input = new PassThrough();
    process.stdin.pipe(input);
    const endInput = async () => {
      process.stdin.unpipe(input);
      process.stdin.pause();
      input.end();
    };
    onSignal('SIGINT', endInput);
    onSignal('SIGTERM', endInput);
    try {
      await runConsole({
        assistant,
        input,
        output: process.stdout,
        interactive: Boolean(process.stdin.isTTY),
        pictureDir: join(config.STATE_DIR ?? 'var', 'pictures'),
      });
    } finally {
      await endInput();
      await shutdown();
    }
    if (stopping) logger.info('stopped');
    process.exit(process.exitCode ?? 0);
  }

  const stop = async () => {
    await shutdown();
    logger.info('stopped');
    process.exit(0);
  };
  onSignal('SIGINT', stop);
  onSignal('SIGTERM', stop);
  logger.info({ adapters: adapters.map((adapter) => adapter.name) }, 'started');
});
