import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Assistant } from '../../service/assistant.js';
import type { AdapterLifecycle, RunningAdapter } from '../adapter.js';
import { adapterLogger } from '../shared.js';
import { createTelegramBot, type TelegramBot } from './bot.js';
import { registerCommands } from './menu.js';
import type { ResilienceOptions } from './resilience.js';

export { createTelegramBot } from './bot.js';

export interface TelegramAdapter extends RunningAdapter {
  readonly bot: TelegramBot;
  /** The port the webhook server listens on (webhook mode only). */
  readonly webhookPort: number | undefined;
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
  >;
  logger: Logger;
  /** Health reports and unrecoverable failures go to main.ts through this. */
  lifecycle?: AdapterLifecycle | undefined;
  /** Interface the webhook server binds to (all interfaces unless set). */
  webhookHost?: string;
  resilience?: ResilienceOptions;
}

const ALLOWED_UPDATES = ['message', 'callback_query', 'inline_query'] as const;

/**
 * Starts the Telegram bot: checks the token (getMe), registers the command menu (a failure only
 * logged), then long polling — or a webhook when TELEGRAM_WEBHOOK_URL is set, with a secret token
 * that every request must carry.
 */
export async function startTelegram(options: StartTelegramOptions): Promise<TelegramAdapter> {
  const { config } = options;
  const token = config.TELEGRAM_TOKEN;
  if (!token) throw new Error('TELEGRAM_TOKEN is not set');
  const logger = adapterLogger(options.logger, 'telegram', token);
  const bot = createTelegramBot({
    assistant: options.assistant,
    logger: options.logger,
    token,
    apiRoot: config.TELEGRAM_API_ROOT,
    resilience: options.resilience,
    concurrent: true,
  });
  try {
    bot.botInfo = await bot.telegram.getMe();
  } catch (error) {
    // A bad token or an unreachable API: one line, without the token (it is in the request URL).
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Telegram: cannot connect to the Bot API: ${reason.split(token).join('[redacted]')}`);
  }
  logger.info({ username: bot.botInfo.username }, 'telegram: connected');
  await registerCommands(bot.telegram, options.assistant.engine, logger);

  let healthy = true;
  let server: Server | undefined;
  let polling: Promise<void> | undefined;

  if (config.TELEGRAM_WEBHOOK_URL) {
    const url = new URL(config.TELEGRAM_WEBHOOK_URL);
    const secret = config.TELEGRAM_WEBHOOK_SECRET ?? randomBytes(32).toString('hex');
    const listener = createServer(bot.webhookCallback(`${url.pathname}${url.search}`, { secretToken: secret }));
    server = listener;
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(config.TELEGRAM_WEBHOOK_PORT, options.webhookHost, () => resolve());
    });
    await bot.telegram.setWebhook(url.href, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
    logger.info(
      { url: url.origin + url.pathname, port: (listener.address() as AddressInfo).port },
      'telegram: webhook',
    );
  } else {
    polling = bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((error: unknown) => {
      healthy = false;
      logger.error({ err: error }, 'telegram: polling stopped');
    });
    logger.info('telegram: long polling');
  }

  return {
    name: 'telegram',
    bot,
    webhookPort: server ? (server.address() as AddressInfo).port : undefined,
    healthy: () => healthy,
    health: () => ({ status: healthy ? 'ready' : 'down' }),
    async stop() {
      healthy = false;
      if (server) {
        const closing = server;
        await new Promise<void>((resolve) => {
          closing.close(() => resolve());
          closing.closeAllConnections();
        });
      } else {
        try {
          bot.stop('shutdown');
        } catch {
          // not running
        }
        await polling;
      }
      // Questions already taken are answered before the store is closed.
      await bot.drain();
    },
  };
}
