import { join } from 'node:path';
import type { Update } from 'telegraf/types';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Assistant } from '../../service/assistant.js';
import type { RateCounter } from '../../store/rate-limit.js';
import type { AdapterHealth, AdapterLifecycle, RunningAdapter } from '../adapter.js';
import { adapterLogger } from '../shared.js';
import { createTelegramBot, type TelegramBot } from './bot.js';
import { createDispatcher } from './dispatch.js';
import { type BackoffOptions, backoff, classify, pause, TOKEN_REJECTED } from './failures.js';
import type { FlagUrl } from './inline.js';
import type { PacingOptions } from './pacing.js';
import { type Polling, startPolling } from './polling.js';
import { fileProfile, memoryProfile, type ProfileRegistrar, startProfile } from './profile.js';
import { defaultWebhookHost, startWebhook, type Webhook, webhookSecret } from './webhook.js';

export { createTelegramBot } from './bot.js';

export interface TelegramAdapter extends RunningAdapter {
  readonly bot: TelegramBot;
  /** The port the webhook server listens on (webhook mode only). */
  readonly webhookPort: number | undefined;
  /** The profile registration running in the background (for tests: `await adapter.profile.sync()`). */
  readonly profile: ProfileRegistrar;
}

export interface StartTelegramOptions {
  assistant: Assistant;
  config: Pick<
    Config,
    | 'TELEGRAM_TOKEN'
    | 'TELEGRAM_API_ROOT'
    | 'TELEGRAM_WEBHOOK_URL'
    | 'TELEGRAM_WEBHOOK_SECRET'
    | 'TELEGRAM_WEBHOOK_PORT'
  > &
    Partial<Pick<Config, 'TELEGRAM_WEBHOOK_HOST' | 'STATE_DIR' | 'CONVERSATION_TTL_SECONDS'>>;
  logger: Logger;
  /** Health reports and unrecoverable failures go to main.ts through this. */
  lifecycle?: AdapterLifecycle | undefined;
  /** The store's rate counter, so the menu bucket is shared by replicas. */
  rateCounter?: RateCounter;
  /** Tuning for tests; production uses the defaults. */
  tuning?: {
    pollTimeoutSeconds?: number;
    healthMarginSeconds?: number;
    backoff?: BackoffOptions;
    pacing?: PacingOptions;
    stopDeadlineMs?: number;
    updateTimeoutMs?: number;
    webhookInfoEveryMs?: number;
    profileCheckEveryMs?: number;
    menuLimit?: { count: number; windowMs: number };
    flagUrl?: FlagUrl;
  };
}

export const ALLOWED_UPDATES = ['message', 'edited_message', 'channel_post', 'callback_query', 'inline_query'] as const;

/** Long-poll timeout: Telegram holds getUpdates this long when there is nothing. */
const POLL_TIMEOUT_SECONDS = 30;
/** main.ts ends a stop after 5 s; the adapter finishes within this. */
const STOP_DEADLINE_MS = 3500;

/** Without main's lifecycle (a test, an old caller), a refused token still ends the process non-zero. */
const fallbackLifecycle = (logger: Logger): AdapterLifecycle => ({
  report: () => undefined,
  fatal(line) {
    logger.fatal(line);
    process.exit(1);
  },
});

/**
 * Starts the Telegram bot: checks the token (getMe; a transient failure is retried, a refused
 * token rejects with one line), registers the profile in the background, then polls (our own
 * loop) or serves a webhook. Failures after start are retried and shown in health; a refused
 * token is `lifecycle.fatal`.
 */
export async function startTelegram(options: StartTelegramOptions): Promise<TelegramAdapter> {
  const { config } = options;
  const tuning = options.tuning ?? {};
  const token = config.TELEGRAM_TOKEN;
  if (!token) throw new Error('TELEGRAM_TOKEN is not set');
  const logger = adapterLogger(options.logger, 'telegram', token);
  const lifecycle = options.lifecycle ?? fallbackLifecycle(logger);
  let health: AdapterHealth = { status: 'starting' };
  const report = (next: AdapterHealth) => {
    health = next;
    lifecycle.report(next);
  };
  report(health);
  let fatal = false;
  let connected = false;
  const onFatal = (line: string) => {
    if (fatal) return;
    fatal = true;
    logger.error(line);
    report({ status: 'down', detail: line });
    lifecycle.fatal(line);
  };

  const secret = config.TELEGRAM_WEBHOOK_URL ? webhookSecret(config.TELEGRAM_WEBHOOK_SECRET, token) : undefined;
  const bot = createTelegramBot({
    assistant: options.assistant,
    logger: options.logger,
    token,
    apiRoot: config.TELEGRAM_API_ROOT,
    pacing: tuning.pacing,
    menuCounter: options.rateCounter,
    menuLimit: tuning.menuLimit,
    conversationTtlSeconds: config.CONVERSATION_TTL_SECONDS,
    flagUrl: tuning.flagUrl,
    // During start-up a refused token rejects startTelegram instead.
    onTokenRejected: () => {
      if (connected) onFatal(TOKEN_REJECTED);
    },
  });

  // getMe: a refused token ends start-up; an outage is waited out (shown in health).
  const retry = backoff(tuning.backoff);
  for (;;) {
    try {
      bot.botInfo = await bot.telegram.getMe();
      break;
    } catch (error) {
      const failure = classify('getMe', error, token);
      if (failure.kind === 'fatal') throw new Error(failure.line);
      const waitMs = failure.kind === 'flood' ? failure.retryAfterSeconds * 1000 : retry.next();
      report({ status: 'down', detail: failure.detail });
      logger.warn({ detail: failure.detail, retryInMs: waitMs }, 'telegram: cannot reach the Bot API, retrying');
      await pause(waitMs);
    }
  }
  connected = true;
  logger.info({ username: bot.botInfo.username }, 'telegram: connected');

  const profile = startProfile({
    telegram: bot.telegram,
    engine: () => options.assistant.engine,
    memory: config.STATE_DIR ? fileProfile(join(config.STATE_DIR, 'telegram-profile.sha256'), logger) : memoryProfile(),
    logger,
    token,
    checkEveryMs: tuning.profileCheckEveryMs,
  });

  const dispatcher = createDispatcher({
    handle: (update: Update) => bot.handleUpdate(update),
    logger,
    updateTimeoutMs: tuning.updateTimeoutMs,
  });

  let receiver: Polling | Webhook;
  let webhook: Webhook | undefined;
  try {
    if (config.TELEGRAM_WEBHOOK_URL && secret) {
      webhook = await startWebhook({
        telegram: bot.telegram,
        dispatcher,
        url: new URL(config.TELEGRAM_WEBHOOK_URL),
        secret,
        host: config.TELEGRAM_WEBHOOK_HOST ?? defaultWebhookHost(),
        port: config.TELEGRAM_WEBHOOK_PORT,
        allowedUpdates: ALLOWED_UPDATES,
        logger,
        token,
        infoIntervalMs: tuning.webhookInfoEveryMs,
        report,
        fatal: onFatal,
      });
      receiver = webhook;
    } else {
      receiver = startPolling({
        telegram: bot.telegram,
        dispatcher,
        allowedUpdates: ALLOWED_UPDATES,
        timeoutSeconds: tuning.pollTimeoutSeconds ?? POLL_TIMEOUT_SECONDS,
        marginSeconds: tuning.healthMarginSeconds,
        backoff: tuning.backoff,
        logger,
        token,
        report,
        fatal: onFatal,
      });
      logger.info('telegram: long polling');
    }
  } catch (error) {
    profile.stop();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  const current = () => (fatal ? health : receiver.health());
  return {
    name: 'telegram',
    bot,
    profile,
    webhookPort: webhook?.port,
    healthy: () => current().status === 'ready',
    health: current,
    stop() {
      stopped ??= (async () => {
        profile.stop();
        const dropped = await receiver.stop(tuning.stopDeadlineMs ?? STOP_DEADLINE_MS, () => bot.pacer.abort());
        if (dropped.length > 0) {
          logger.warn(
            { updates: dropped },
            `telegram: stopped with ${dropped.length} update(s) unanswered; not confirmed, Telegram sends them again`,
          );
        }
        report({ status: 'down', detail: 'stopped' });
      })();
      return stopped;
    },
  };
}
