import type { RunningAdapter } from './adapters/adapter.js';
import { runConsole } from './adapters/console/console.js';
import { startTelegram } from './adapters/telegram/index.js';
import { engineFromConfig } from './bootstrap.js';
import { runMain } from './cli/run-main.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createAssistant } from './service/assistant.js';
import { openStateStore } from './store/state.js';

runMain(async () => {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const engine = engineFromConfig(config);
  const state = openStateStore({
    stateDir: config.STATE_DIR,
    redisUrl: config.REDIS_URL,
    conversationTtlMs: config.CONVERSATION_TTL_SECONDS * 1000,
  });
  const assistant = createAssistant({ engine, state, confidenceThreshold: config.CONFIDENCE_THRESHOLD });

  // Adapters whose token is configured start here; the terminal chat runs when none is.
  const adapters: RunningAdapter[] = [];
  if (config.TELEGRAM_TOKEN) adapters.push(await startTelegram({ assistant, config, logger }));

  if (adapters.length === 0) {
    try {
      await runConsole({
        assistant,
        input: process.stdin,
        output: process.stdout,
        interactive: Boolean(process.stdin.isTTY),
      });
    } finally {
      await state.close();
    }
    return;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const deadline = setTimeout(() => process.exit(1), 5000);
    deadline.unref();
    await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
    await state.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  logger.info({ adapters: adapters.map((adapter) => adapter.name) }, 'started');
});
