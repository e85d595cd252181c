import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bot API on loopback with the semantics the real one has on bad days, for one bot token:
 * - getUpdates honours `offset` (an update is confirmed, and forgotten, once a call asks for an
 *   offset above it), `limit`, the long-poll `timeout` (it waits for an update or the timeout) and
 *   `allowed_updates` (kept from the last call that gave it, like Telegram);
 * - a second getUpdates while one is waiting ends the first with 409 Conflict, and getUpdates with
 *   a webhook set is 409 too;
 * - any method can be made to fail on demand: 401, 429 with retry_after, 5xx, a dropped connection;
 * - a revoked token is 401 for everything;
 * - every call is recorded with its time, so pacing can be measured.
 */

export interface FakeCall {
  method: string;
  body: Record<string, unknown>;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface Failure {
  status: number;
  description?: string;
  retryAfter?: number;
  /** Drop the connection instead of answering. */
  hangUp?: boolean;
  /** Never answer (until the client gives up). */
  stall?: boolean;
}

interface Waiting {
  offset: number;
  limit: number;
  response: ServerResponse;
  timer: NodeJS.Timeout;
}

type Update = Record<string, unknown> & { update_id: number };

export interface FakeBotApi {
  /** The apiRoot to give telegraf. */
  readonly url: string;
  readonly token: string;
  readonly calls: FakeCall[];
  /** Updates not yet confirmed by an offset. */
  readonly queued: Update[];
  webhook: { url: string; secret?: string | undefined; lastErrorDate?: number; lastErrorMessage?: string } | undefined;
  /** setWebhook answers true but changes nothing (a Bot API that keeps the old webhook). */
  ignoreSetWebhook: boolean;
  /** Adds an update (its update_id is assigned) and wakes a waiting getUpdates. */
  push(update: Record<string, unknown>): number;
  /** The next `times` calls of a method fail like this. */
  fail(method: string, failure: Failure, times?: number): void;
  /**
   * The next calls of a method are held this long on their way (each number one call) before
   * they arrive and count, as on a slow or congested network.
   */
  holdOnTheWay(method: string, ...ms: number[]): void;
  /** Every call of a method fails like this until `heal(method)`. */
  failAlways(method: string, failure: Failure): void;
  heal(method?: string): void;
  revokeToken(): void;
  callsOf(method: string): FakeCall[];
  /** Resolves once a call of the method satisfying `test` has been made. */
  waitFor(method: string, test?: (call: FakeCall) => boolean, timeoutMs?: number): Promise<FakeCall>;
  close(): Promise<void>;
}

const BOT = { id: 4242, is_bot: true as const, first_name: 'Siedlce', username: 'SiedlceBot' };
const TIMEOUT_MAX_SECONDS = 50;

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk as Uint8Array));
  const raw = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form.entries()) {
      if (typeof value !== 'string') {
        fields[name] = { filename: value.name, bytes: Buffer.from(await value.arrayBuffer()) };
        continue;
      }
      // telegraf sends objects in multipart fields as JSON.
      try {
        fields[name] = /^[[{]/.test(value) ? JSON.parse(value) : value;
      } catch {
        fields[name] = value;
      }
    }
    return fields;
  }
  const query = Object.fromEntries(new URL(request.url ?? '/', 'http://x').searchParams);
  return raw.length > 0 ? { ...query, ...(JSON.parse(raw.toString('utf8')) as Record<string, unknown>) } : query;
}

export async function startFakeBotApi(token = '123456:fake-token'): Promise<FakeBotApi> {
  const calls: FakeCall[] = [];
  const queued: Update[] = [];
  const once = new Map<string, Failure[]>();
  const always = new Map<string, Failure>();
  const held = new Map<string, number[]>();
  const watchers: (() => void)[] = [];
  let nextUpdateId = 1000;
  let nextMessageId = 1;
  let nextFileId = 1;
  let revoked = false;
  let allowed: string[] | undefined;
  let waiting: Waiting | undefined;

  const api: FakeBotApi = {
    url: '',
    token,
    calls,
    queued,
    webhook: undefined,
    ignoreSetWebhook: false,
    push(update) {
      const full = { ...update, update_id: nextUpdateId++ } as Update;
      queued.push(full);
      wake();
      return full.update_id;
    },
    fail(method, failure, times = 1) {
      const list = once.get(method) ?? [];
      for (let index = 0; index < times; index++) list.push(failure);
      once.set(method, list);
    },
    holdOnTheWay(method, ...ms) {
      held.set(method, [...(held.get(method) ?? []), ...ms]);
    },
    failAlways(method, failure) {
      always.set(method, failure);
    },
    heal(method) {
      if (method) {
        always.delete(method);
        once.delete(method);
      } else {
        always.clear();
        once.clear();
      }
    },
    revokeToken() {
      revoked = true;
    },
    callsOf: (method) => calls.filter((call) => call.method === method),
    waitFor(method, test = () => true, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = calls.find((call) => call.method === method && test(call));
          if (!found) return false;
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          const index = watchers.indexOf(watcher);
          if (index >= 0) watchers.splice(index, 1);
          reject(new Error(`no ${method} call within ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(',')}`));
        }, timeoutMs);
        const watcher = () => {
          if (check()) watchers.splice(watchers.indexOf(watcher), 1);
        };
        if (!check()) watchers.push(watcher);
      });
    },
    close: async () => {
      if (waiting) clearTimeout(waiting.timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  const json = (response: ServerResponse, status: number, body: unknown) => {
    if (response.writableEnded) return;
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const error = (response: ServerResponse, status: number, description: string, retryAfter?: number) =>
    json(response, status, {
      ok: false,
      error_code: status,
      description,
      ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}),
    });

  /** Confirms what lies below the offset, drops unwanted types, and returns what may be delivered. */
  const deliverable = (offset: number, limit: number): Update[] => {
    for (let index = queued.length - 1; index >= 0; index--) {
      const update = queued[index] as Update;
      const type = Object.keys(update).find((key) => key !== 'update_id') ?? '';
      if (update.update_id < offset || (allowed && allowed.length > 0 && !allowed.includes(type))) {
        queued.splice(index, 1);
      }
    }
    return queued.slice(0, limit);
  };

  function wake() {
    if (!waiting) return;
    const updates = deliverable(waiting.offset, waiting.limit);
    if (updates.length === 0) return;
    const { response, timer } = waiting;
    waiting = undefined;
    clearTimeout(timer);
    json(response, 200, { ok: true, result: updates });
  }

  const message = (body: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const chatId = Number(body.chat_id);
    return {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private' },
      from: BOT,
      ...(typeof body.text === 'string' ? { text: body.text } : {}),
      ...(typeof body.caption === 'string' ? { caption: body.caption } : {}),
      ...extra,
    };
  };

  const getUpdates = (body: Record<string, unknown>, response: ServerResponse) => {
    if (api.webhook) {
      error(
        response,
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
      return;
    }
    if (Array.isArray(body.allowed_updates)) allowed = body.allowed_updates as string[];
    const offset = Number(body.offset ?? 0);
    const limit = Math.min(Number(body.limit ?? 100) || 100, 100);
    const timeout = Math.min(Number(body.timeout ?? 0), TIMEOUT_MAX_SECONDS);
    // A second poller ends the first one's wait, as Telegram does.
    if (waiting) {
      const previous = waiting;
      waiting = undefined;
      clearTimeout(previous.timer);
      error(
        previous.response,
        409,
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      );
    }
    const updates = deliverable(offset, limit);
    if (updates.length > 0 || timeout <= 0) {
      json(response, 200, { ok: true, result: updates });
      return;
    }
    const entry: Waiting = {
      offset,
      limit,
      response,
      timer: setTimeout(() => {
        if (waiting === entry) waiting = undefined;
        json(response, 200, { ok: true, result: [] });
      }, timeout * 1000),
    };
    waiting = entry;
    response.on('close', () => {
      if (waiting === entry) {
        clearTimeout(entry.timer);
        waiting = undefined;
      }
    });
  };

  const answer = (method: string, body: Record<string, unknown>, response: ServerResponse) => {
    switch (method) {
      case 'getUpdates':
        return getUpdates(body, response);
      case 'getMe':
        return json(response, 200, { ok: true, result: BOT });
      case 'setWebhook':
        if (!api.ignoreSetWebhook)
          api.webhook = { url: String(body.url ?? ''), secret: body.secret_token as string | undefined };
        return json(response, 200, { ok: true, result: true });
      case 'deleteWebhook':
        api.webhook = undefined;
        if (body.drop_pending_updates) queued.splice(0, queued.length);
        return json(response, 200, { ok: true, result: true });
      case 'getWebhookInfo':
        return json(response, 200, {
          ok: true,
          result: {
            url: api.webhook?.url ?? '',
            has_custom_certificate: false,
            pending_update_count: queued.length,
            ...(api.webhook?.lastErrorDate
              ? { last_error_date: api.webhook.lastErrorDate, last_error_message: api.webhook.lastErrorMessage }
              : {}),
          },
        });
      case 'sendMessage':
        return json(response, 200, { ok: true, result: message(body) });
      case 'sendPhoto': {
        const photo = typeof body.photo === 'string' ? body.photo : `photo-${nextFileId++}`;
        return json(response, 200, {
          ok: true,
          result: message(body, { photo: [{ file_id: photo, file_unique_id: photo, width: 800, height: 600 }] }),
        });
      }
      case 'sendVenue':
      case 'sendLocation':
        return json(response, 200, { ok: true, result: message(body) });
      case 'editMessageText':
        return json(response, 200, { ok: true, result: message(body, { message_id: Number(body.message_id) }) });
      default:
        return json(response, 200, { ok: true, result: true });
    }
  };

  const server = createServer(async (request, response) => {
    const [, path = '', method = ''] = /^\/bot([^/]+)\/([A-Za-z]+)/.exec(request.url ?? '') ?? [];
    let body: Record<string, unknown>;
    try {
      body = await readBody(request);
    } catch {
      return error(response, 400, 'Bad Request: invalid body');
    }
    const wire = held.get(method)?.shift();
    if (wire) await new Promise((resolve) => setTimeout(resolve, wire));
    const call = { method, body, at: performance.now() };
    calls.push(call);
    for (const watcher of [...watchers]) watcher();
    if (path !== token || revoked) return error(response, 401, 'Unauthorized');
    const failure = once.get(method)?.shift() ?? always.get(method);
    if (failure) {
      if (failure.hangUp) {
        request.socket.destroy();
        return;
      }
      if (failure.stall) return;
      return error(response, failure.status, failure.description ?? `Error ${failure.status}`, failure.retryAfter);
    }
    answer(method, body, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(api, { url: `http://127.0.0.1:${port}` });
}

export const FAKE_BOT = BOT;
