import { createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Telegram } from 'telegraf';
import type { Update, WebhookInfo } from 'telegraf/types';
import type { Logger } from '../../logger.js';
import type { AdapterHealth } from '../adapter.js';
import type { Dispatcher } from './dispatch.js';
import { classify } from './failures.js';

/** Telegram's own updates are a few KB; a photo album's caption can make one some tens. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A delivery error Telegram reports is shown in health for this long (it keeps the last one forever). */
const RECENT_ERROR_SECONDS = 120;

const SECRET_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * The secret every webhook request must carry: TELEGRAM_WEBHOOK_SECRET, or, when it is unset, an
 * HMAC-SHA256 of a fixed label keyed with the bot token — the same in every replica that has the
 * token, different for every bot, and new when the token is replaced.
 */
export function webhookSecret(configured: string | undefined, token: string): string {
  if (configured !== undefined) {
    if (!SECRET_PATTERN.test(configured)) {
      throw new Error('TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z a-z 0-9 _ - (or unset to derive one)');
    }
    return configured;
  }
  return createHmac('sha256', token).update('siedlce-partners-bot telegram webhook secret').digest('hex');
}

/** Loopback, unless in a container, where the proxy in front reaches the bot from outside it. */
export function defaultWebhookHost(env: NodeJS.ProcessEnv = process.env): string {
  const container = existsSync('/.dockerenv') || existsSync('/run/.containerenv') || env.KUBERNETES_SERVICE_HOST;
  return container ? '0.0.0.0' : '127.0.0.1';
}

export interface WebhookOptions {
  telegram: Telegram;
  dispatcher: Dispatcher;
  url: URL;
  secret: string;
  host: string;
  port: number;
  allowedUpdates: readonly string[];
  logger: Logger;
  token: string;
  maxBodyBytes?: number;
  /** How often getWebhookInfo is read for health. */
  infoIntervalMs?: number;
  report(health: AdapterHealth): void;
  fatal(line: string): void;
}

export interface Webhook {
  readonly port: number;
  health(): AdapterHealth;
  /** Stops listening; requests still being handled get `deadlineMs`, then `interrupt`. Returns dropped ids. */
  stop(deadlineMs: number, interrupt: () => void): Promise<number[]>;
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The whole body as bytes first, so a character split across TCP packets is decoded whole. */
async function readUpdate(request: IncomingMessage, maxBytes: number): Promise<Update> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new BodyError(413, 'body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > maxBytes) throw new BodyError(413, 'body too large');
    chunks.push(bytes);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size)));
  } catch {
    throw new BodyError(400, 'not a JSON body in UTF-8');
  }
  if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Update).update_id !== 'number') {
    throw new BodyError(400, 'not an update');
  }
  return parsed as Update;
}

const sameSecret = (given: string | string[] | undefined, secret: string) => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Describes getWebhookInfo for health: down when Telegram calls elsewhere or its last delivery failed lately. */
export function webhookHealth(info: WebhookInfo, url: string, sinceSeconds: number, now = Date.now()): AdapterHealth {
  if (info.url !== url)
    return { status: 'down', detail: `webhook: Telegram calls ${info.url || 'no webhook'}, not ${url}` };
  const pending = `${info.pending_update_count} update(s) pending`;
  if (info.last_error_date && now / 1000 - info.last_error_date < sinceSeconds) {
    const ago = Math.max(0, Math.round(now / 1000 - info.last_error_date));
    return {
      status: 'down',
      detail: `webhook: last delivery failed ${ago} s ago: ${info.last_error_message ?? '?'}; ${pending}`,
    };
  }
  return { status: 'ready', ...(info.pending_update_count > 0 ? { detail: pending } : {}) };
}

/**
 * The webhook: our own HTTP server (telegraf's callback decodes chunk by chunk and reads bodies of
 * any size). Each update is answered 200 only after it has been handled, so an update a crash
 * interrupts is sent again by Telegram; the same id seen twice is handled once.
 */
export async function startWebhook(options: WebhookOptions): Promise<Webhook> {
  const { telegram, dispatcher, logger, url } = options;
  const maxBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const expectedPath = `${url.pathname}${url.search}`;
  const infoEvery = options.infoIntervalMs ?? 60_000;
  let state: AdapterHealth = { status: 'starting' };
  let reported = '';
  const report = (next: AdapterHealth) => {
    state = next;
    const key = `${next.status}|${next.detail ?? ''}`;
    if (key !== reported) {
      reported = key;
      options.report(next);
    }
  };

  const onRequest = async (request: IncomingMessage, response: ServerResponse) => {
    const reply = (status: number) => {
      if (!response.headersSent) response.writeHead(status, { connection: 'close' }).end();
    };
    if ((request.url ?? '') !== expectedPath) return reply(404);
    if (request.method !== 'POST') return reply(405);
    if (!sameSecret(request.headers['x-telegram-bot-api-secret-token'], options.secret)) return reply(403);
    let update: Update;
    try {
      update = await readUpdate(request, maxBytes);
    } catch (error) {
      const status = error instanceof BodyError ? error.status : 400;
      logger.warn(
        { status, reason: error instanceof Error ? error.message : String(error) },
        'telegram: webhook request refused',
      );
      reply(status);
      if (status === 413) request.socket.destroy();
      return;
    }
    // Dropped at shutdown: not 200, so Telegram sends it again (to us after the restart, or a replica).
    const outcome = await dispatcher.dispatch(update);
    if (outcome === 'handled') response.writeHead(200).end();
    else reply(503);
  };

  const server: Server = createServer((request, response) => {
    void onRequest(request, response).catch((error: unknown) => {
      logger.error({ err: error }, 'telegram: webhook request failed');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(`TELEGRAM_WEBHOOK_PORT ${options.port} on ${options.host}: ${error.code ?? error.message}`)),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  try {
    await telegram.setWebhook(url.href, {
      secret_token: options.secret,
      allowed_updates: [...options.allowedUpdates] as never,
    });
    const info = await telegram.getWebhookInfo();
    if (info.url !== url.href) {
      throw new Error(
        `TELEGRAM_WEBHOOK_URL: Telegram kept ${info.url || 'no webhook'} after setWebhook ${url.href}; check the address`,
      );
    }
    report(webhookHealth(info, url.href, RECENT_ERROR_SECONDS));
  } catch (error) {
    await close();
    const failure = classify('setWebhook', error, options.token);
    throw new Error(
      failure.kind === 'fatal'
        ? failure.line
        : failure.kind === 'flood'
          ? failure.detail
          : error instanceof Error
            ? error.message
            : failure.detail,
    );
  }
  logger.info({ url: url.origin + url.pathname, host: options.host, port }, 'telegram: webhook');

  const check = async () => {
    try {
      const info = await telegram.getWebhookInfo();
      const next = webhookHealth(info, url.href, Math.max(RECENT_ERROR_SECONDS, (infoEvery * 2) / 1000));
      if (next.status === 'down') logger.warn({ detail: next.detail }, 'telegram: webhook unhealthy');
      report(next);
    } catch (error) {
      const failure = classify('getWebhookInfo', error, options.token);
      if (failure.kind === 'fatal') {
        report({ status: 'down', detail: failure.line });
        options.fatal(failure.line);
        return;
      }
      logger.warn({ detail: failure.detail }, 'telegram: cannot read the webhook state');
      report({ status: 'down', detail: failure.detail });
    }
  };
  const timer = setInterval(() => void check(), infoEvery);
  timer.unref();

  return {
    port,
    health: () => state,
    async stop(deadlineMs, interrupt) {
      clearInterval(timer);
      const closing = close();
      const left = await dispatcher.settle(deadlineMs);
      if (left.length > 0) interrupt();
      await dispatcher.settle(1000);
      server.closeAllConnections();
      await closing;
      return left;
    },
  };
}
