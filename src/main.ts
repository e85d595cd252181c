import { join } from 'node:path';
import type { AdapterHealth, AdapterLifecycle, RunningAdapter } from './adapters/adapter.js';
import { engineFromConfig } from './bootstrap.js';
import { failureLine, runMain, StartError } from './cli/run-main.js';
import { type Config, ConfigError, loadConfig, settingError } from './config.js';
import { DEFAULT_DATA_FILE } from './domain/load.js';
import { DEFAULT_LOCALES_DIR } from './domain/locales.js';
import type { Engine } from './engine/index.js';
import { createLogger, type Logger } from './logger.js';
import { loadDotEnv } from './ops/env.js';
import { defaultHealthHost, startHealthServer } from './ops/health.js';
import { createLifecycle, type Lifecycle } from './ops/lifecycle.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { dataFolders, watchAndReload } from './ops/reload.js';
import { type Assistant, createAssistant } from './service/assistant.js';
import { createRateLimiter } from './store/rate-limit.js';
import type { Store } from './store/state.js';

// The start-up order, and the stop order (its reverse), are the contract of docs/operations.md
// ("Start-up and shutdown"): cheap local things first, so a bad setting or a taken port ends the
// process before anything talks to a platform; readiness only once everything has started; any
// failure on the way stops what has started and exits 1 with one line.

/** A stop must be over within this time; past it the process exits with 1. */
const STOP_DEADLINE_MS = 5000;

/** One adapter as /healthz sees it: `starting` (or what it reported) until its start returns. */
interface AdapterSlot {
  readonly name: string;
  health(): AdapterHealth;
}

/** Opens the health server; a port in use or an address that cannot be bound is a setting to fix. */
async function openHealth(config: Config, parts: Parameters<typeof startHealthServer>[0]) {
  try {
    return await startHealthServer(parts);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw settingError(
        'HEALTH_PORT',
        String(config.HEALTH_PORT),
        'is already in use by another process',
        'stop that process or set HEALTH_PORT to a free port',
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw settingError(
        'HEALTH_HOST',
        parts.host,
        'is not an address of this machine',
        'set HEALTH_HOST to 127.0.0.1, 0.0.0.0 or an address of this machine',
      );
    }
    if (code === 'EACCES') {
      throw settingError(
        'HEALTH_PORT',
        String(config.HEALTH_PORT),
        'needs privileges to listen on',
        'set HEALTH_PORT to a port above 1023',
      );
    }
    throw error;
  }
}

/**
 * The store, loaded only now. While state.ts holds both backends the Redis client is still loaded
 * with it; once the store is one module per backend, import the Redis one only when REDIS_URL is set
 * (tests/ops/lazy-imports.test.ts then checks the terminal chat loads no Redis client either).
 */
async function openState(config: Config, metrics: Metrics, logger: Logger): Promise<Store> {
  const { openStore } = await import('./store/state.js');
  const state = openStore({
    stateDir: config.STATE_DIR,
    redisUrl: config.REDIS_URL,
    conversationTtlMs: config.CONVERSATION_TTL_SECONDS * 1000,
    onError: (error) => {
      metrics.error('store');
      logger.warn({ err: error }, 'state store error');
    },
  });
  // A store that cannot write (a corrupt or read-only file, Redis away) stops start-up here, rather
  // than turning into a store that fails every answer.
  const probe = await state.health();
  if (!probe.ok) {
    await state.close().catch(() => undefined);
    const fix = config.REDIS_URL
      ? 'start Redis or fix REDIS_URL'
      : 'make STATE_DIR writable, or move a damaged state.sqlite away and restore a backup (docs/operations.md)';
    throw new StartError(`the state store ${state.location} cannot be used: ${probe.detail ?? 'no answer'} — ${fix}`);
  }
  logger.info({ store: state.kind, location: state.location }, 'state store opened');
  return state;
}

interface AdapterSpec {
  name: 'telegram' | 'discord';
  /** The settings to check when it cannot start, for the one line. */
  settings: string[];
  start: (lifecycle: AdapterLifecycle) => Promise<RunningAdapter>;
}

/** The adapters whose token is set, loaded lazily (discord.js and telegraf only when used). */
interface AdapterDependencies {
  config: Config;
  assistant: Assistant;
  logger: Logger;
  state: Store;
  metrics: Metrics;
}

function configuredAdapters({ config, assistant, logger, state, metrics }: AdapterDependencies): AdapterSpec[] {
  const specs: AdapterSpec[] = [];
  if (config.TELEGRAM_TOKEN) {
    specs.push({
      name: 'telegram',
      settings: [
        'TELEGRAM_TOKEN',
        'TELEGRAM_API_ROOT',
        ...(config.TELEGRAM_WEBHOOK_URL ? ['TELEGRAM_WEBHOOK_URL'] : []),
      ],
      start: async (lifecycle) => {
        const { startTelegram } = await import('./adapters/telegram/index.js');
        return startTelegram({ assistant, config, logger, lifecycle, rateCounter: state.counter });
      },
    });
  }
  if (config.DISCORD_TOKEN) {
    specs.push({
      name: 'discord',
      settings: ['DISCORD_TOKEN', 'DISCORD_API_URL'],
      start: async (lifecycle) => {
        const { startDiscord } = await import('./adapters/discord/index.js');
        return startDiscord({
          assistant,
          config,
          logger,
          lifecycle,
          preferences: state,
          metrics: metrics.registry,
        });
      },
    });
  }
  return specs;
}

/**
 * Starts the adapters one after another. Each shows as `starting` in /healthz until its start
 * returns. Any of them failing to start ends the whole process (docs/operations.md: a bot half
 * up, e.g. Telegram without Discord, is not a state anyone asked for; the restart brings both).
 */
async function startAdapters(specs: AdapterSpec[], life: Lifecycle, slots: AdapterSlot[], logger: Logger) {
  for (const spec of specs) {
    let reported: AdapterHealth = { status: 'starting' };
    let running: RunningAdapter | undefined;
    slots.push({ name: spec.name, health: () => (running ? running.health() : reported) });
    const lifecycle: AdapterLifecycle = {
      report(health) {
        if (health.status !== reported.status)
          logger.info({ adapter: spec.name, ...health }, `${spec.name}: ${health.status}`);
        reported = health;
      },
      fatal(line) {
        logger.error({ adapter: spec.name }, line);
        void life.end(1, line);
      },
    };
    try {
      running = await spec.start(lifecycle);
    } catch (error) {
      // An adapter's own one line (a StartError, a setting) is kept; anything else is named and
      // given the settings to check, with the details in the debug log.
      if (error instanceof StartError || error instanceof ConfigError) throw error;
      logger.debug({ err: error, adapter: spec.name }, `${spec.name} could not start`);
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      const named = message.toLowerCase().startsWith(spec.name) ? message : `${spec.name}: ${message}`;
      throw new StartError(`${named} — check ${spec.settings.join(', ')} (LOG_LEVEL=debug logs the details)`);
    }
    const adapter = running;
    life.started({ name: spec.name, stop: () => adapter.stop() });
  }
}

/** The terminal chat, as a part: stopping it ends its input, and waits for the question being answered. */
async function startConsole(config: Config, assistant: Assistant, life: Lifecycle): Promise<void> {
  const { runConsole } = await import('./adapters/console/console.js');
  // A reader that went away (`npm start | head -1`) ends the chat like the end of its input.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') void life.end(0);
    else void life.end(1, `cannot write to the terminal: ${error.message}`);
  });
  // Stopping ends the chat like end of input: the question being answered finishes and its state
  // is written before the store is closed. The chat reads stdin itself: in a terminal, readline
  // needs the terminal for line editing and history.
  const endInput = new AbortController();
  const done = runConsole({
    assistant,
    input: process.stdin,
    output: process.stdout,
    pictureDir: join(config.STATE_DIR ?? 'var', 'pictures'),
    historyPath: join(config.STATE_DIR ?? 'var', 'console-history'),
    signal: endInput.signal,
  });
  life.started({
    name: 'console',
    stop: async () => {
      endInput.abort();
      await done;
    },
  });
  life.ready();
  done.then(
    () => void life.end(0),
    (error: unknown) => void life.end(1, `the terminal chat failed: ${(error as Error)?.message ?? String(error)}`),
  );
}

runMain(async () => {
  loadDotEnv();
  const config = loadConfig();
  const chatOnly = !config.TELEGRAM_TOKEN && !config.DISCORD_TOKEN;
  const logger = createLogger(config.LOG_LEVEL ?? (chatOnly ? 'warn' : 'info'));
  const life = createLifecycle({ logger, deadlineMs: STOP_DEADLINE_MS });
  const slots: AdapterSlot[] = chatOnly ? [{ name: 'console', health: () => ({ status: 'ready' }) }] : [];
  let state: Store | undefined;
  let reload = () => undefined as unknown;
  // Before anything is started: a signal from now on stops what has started, in reverse order.
  life.installSignals(() => reload());
  // A bug that escapes every handler still ends the process the orderly way, with one line.
  const crash = (error: unknown) => {
    logger.fatal({ err: error }, 'unexpected error');
    void life.end(1, `unexpected error: ${failureLine(error)}`);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);

  try {
    const metrics = createMetrics();
    if (config.HEALTH_PORT !== undefined) {
      const host = config.HEALTH_HOST ?? defaultHealthHost();
      const health = await openHealth(config, {
        port: config.HEALTH_PORT,
        host,
        adapters: () => slots,
        store: () => state,
        phase: () => life.phase,
        metrics,
        logger,
      });
      life.started({ name: 'health', stop: () => health.close() });
      logger.info({ host, port: health.port }, 'health and metrics listening on /healthz and /metrics');
    }

    let engine: Engine = engineFromConfig(config);
    const opened = await openState(config, metrics, logger);
    state = opened;
    life.started({ name: 'store', stop: () => opened.close() });

    // data/ and locales/ edits (or SIGHUP) are picked up without a restart; an invalid edit keeps the old engine.
    const reloader = watchAndReload({
      folders: () => dataFolders(config.DATA_FILE ?? DEFAULT_DATA_FILE, config.LOCALES_DIR ?? DEFAULT_LOCALES_DIR),
      build: () => engineFromConfig(config),
      apply: (next) => {
        engine = next;
      },
      onReload: (ok) => metrics.reloaded(ok),
      logger,
    });
    reload = () => reloader.reload();
    life.started({ name: 'reloader', stop: async () => reloader.close() });

    const assistant = createAssistant({
      engine: () => engine,
      state: opened,
      rateLimiter: createRateLimiter({
        counter: opened.counter,
        limit: config.RATE_LIMIT_COUNT,
        windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
      }),
      unanswered: metrics.countUnanswered(opened.unanswered),
      observer: metrics,
      confidenceThreshold: config.CONFIDENCE_THRESHOLD,
      logger,
    });

    if (chatOnly) {
      await startConsole(config, assistant, life);
      return;
    }
    await startAdapters(configuredAdapters({ config, assistant, logger, state: opened, metrics }), life, slots, logger);
    if (life.phase !== 'starting') return; // a signal or a fatal report came while starting
    life.ready();
    logger.info({ adapters: slots.map((slot) => slot.name) }, 'started');
  } catch (error) {
    logger.debug({ err: error }, 'start-up failed');
    await life.end(1, failureLine(error));
  }
});
