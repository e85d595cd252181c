import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A small fake Discord on 127.0.0.1: REST under /api/v10 and the gateway (`ws`) on the same port,
 * following ../../../shared/reference/discord-e2e.md. It records every REST request so tests can
 * assert the bodies the real discord.js client sends.
 */

export const BOT_ID = '900000000000000001';
export const APP_ID = '900000000000000002';
export const GUILD_ID = '900000000000000003';
export const GUILD_CHANNEL_ID = '900000000000000004';
export const DM_CHANNEL_ID = '900000000000000005';

export interface Embed {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  image?: { url: string };
}

export interface Component {
  type: number;
  components?: Component[];
  custom_id?: string;
  label?: string;
  placeholder?: string;
  options?: { label: string; value: string; description?: string }[];
}

/** A message as the bot sends it (channel message, interaction data, webhook edit). */
export interface MessageBody {
  content?: string;
  embeds?: Embed[];
  components?: Component[];
  flags?: number;
  allowed_mentions?: { parse: string[]; replied_user?: boolean };
  message_reference?: { message_id: string; fail_if_not_exists?: boolean };
  attachments?: { id: number | string; filename: string }[];
}

/** What the fake records of a request body (an interaction callback has `type` and `data`). */
export interface Body extends MessageBody {
  type?: number;
  data?: MessageBody & { choices?: { name: string; value: string }[] };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: Body;
  /** Names of the files of a multipart request (attachments). */
  files: string[];
  /** The files themselves, as uploaded. */
  uploads: { filename: string; bytes: Buffer }[];
}

interface Connection {
  socket: WebSocket;
  shard: [number, number] | undefined;
  seq: number;
  sessionId: string;
}

export interface FakeDiscordOptions {
  /** The shard count /gateway/bot recommends. */
  shards?: number;
  /** The server's locale (guild_locale of guild interactions, preferredLocale of its messages). */
  guildLocale?: string;
}

export interface Person {
  id: string;
  username: string;
}

export const ALICE: Person = { id: '800000000000000001', username: 'alice' };

let counter = 1000;
const snowflake = () => String(700000000000000000n + BigInt(++counter));

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly connections: Connection[] = [];
  readonly identifies: [number, number][] = [];
  resumes = 0;
  private readonly waiters = new Set<() => void>();
  private server!: Server;
  private wss!: WebSocketServer;
  port = 0;

  constructor(private readonly options: FakeDiscordOptions = {}) {}

  get apiUrl() {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl() {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(
        ({ status, body }) => {
          // A 204 has no body and no JSON content type (discord.js would try to parse it).
          if (body === undefined) response.writeHead(status).end();
          else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ message: String(error), code: 0 }));
        },
      );
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket) => this.connect(socket));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private notify() {
    for (const waiter of this.waiters) waiter();
  }

  /** Resolves when `check` returns a value, re-checked after every request and gateway event. */
  waitUntil<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = check();
      if (first !== undefined) return resolve(first);
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`fake Discord: timed out waiting for ${what}; requests: ${this.describe()}`));
      }, timeoutMs);
      const waiter = () => {
        const value = check();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(value);
      };
      this.waiters.add(waiter);
    });
  }

  describe(): string {
    return this.requests.map((request) => `${request.method} ${request.path}`).join(', ');
  }

  /** The first request (after `from`) matching, waiting for it. */
  request(match: (request: RecordedRequest) => boolean, what = 'a request', from = 0): Promise<RecordedRequest> {
    return this.waitUntil(() => this.requests.slice(from).find(match), what);
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('latin1');
    let body: Body = {};
    const files: string[] = [];
    const uploads: RecordedRequest['uploads'] = [];
    if ((request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      // payload_json holds the message; the other parts are files.
      for (const part of raw.split(/--[^\r\n]+\r\n/)) {
        const [head = '', ...rest] = part.split('\r\n\r\n');
        const content = rest.join('\r\n\r\n').replace(/\r\n$/, '');
        if (head.includes('name="payload_json"'))
          body = JSON.parse(Buffer.from(content, 'latin1').toString('utf8')) as Body;
        const filename = /filename="([^"]+)"/.exec(head);
        if (filename?.[1]) {
          files.push(filename[1]);
          uploads.push({ filename: filename[1], bytes: Buffer.from(content, 'latin1') });
        }
      }
    } else {
      const text = Buffer.from(raw, 'latin1').toString('utf8');
      body = text ? (JSON.parse(text) as Body) : {};
    }
    const path = decodeURIComponent(url.pathname);
    this.requests.push({
      method: request.method ?? 'GET',
      path,
      query: url.searchParams,
      authorization: request.headers.authorization,
      body,
      files,
      uploads,
    });
    this.notify();
    const method = request.method;
    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.options.shards ?? 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 16 },
        },
      };
    }
    if (method === 'POST' && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return { status: 204 };
    const message = (channelId: string) => ({
      id: snowflake(),
      channel_id: channelId,
      author: { id: BOT_ID, username: 'siedlce', discriminator: '0', bot: true },
      content: body.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: 0,
    });
    if (path.startsWith('/api/v10/webhooks/')) {
      if (method === 'DELETE') return { status: 204 };
      return { status: 200, body: message(GUILD_CHANNEL_ID) };
    }
    const channel = /^\/api\/v10\/channels\/(\d+)\/(messages|typing)$/.exec(path);
    if (channel) {
      if (channel[2] === 'typing') return { status: 204 };
      return { status: 200, body: message(channel[1] as string) };
    }
    if (method === 'PUT' && /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return {
        status: 200,
        body: (body as unknown as object[]).map((command) => ({
          id: snowflake(),
          application_id: APP_ID,
          version: '1',
          ...command,
        })),
      };
    }
    return { status: 404, body: { message: 'Unknown', code: 0 } };
  }

  private connect(socket: WebSocket) {
    const connection: Connection = { socket, shard: undefined, seq: 0, sessionId: `session-${snowflake()}` };
    this.connections.push(connection);
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    socket.on('message', (data) => {
      const payload = JSON.parse(String(data)) as {
        op: number;
        d: { shard?: [number, number]; session_id?: string; seq?: number };
      };
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) {
        const shard = payload.d.shard ?? [0, 1];
        connection.shard = shard;
        this.identifies.push(shard);
        const withGuild = shard[0] === 0;
        this.send(connection, 'READY', {
          v: 10,
          user: { id: BOT_ID, username: 'siedlce', discriminator: '0', bot: true },
          guilds: withGuild ? [{ id: GUILD_ID, unavailable: true }] : [],
          session_id: connection.sessionId,
          resume_gateway_url: this.gatewayUrl,
          shard,
          application: { id: APP_ID, flags: 0 },
        });
        if (withGuild) this.send(connection, 'GUILD_CREATE', this.guild());
      }
      if (payload.op === 6) {
        // RESUME: the session goes on, on this new socket.
        const sessionId = String(payload.d.session_id);
        const old = this.connections.find((other) => other.sessionId === sessionId && other !== connection);
        connection.shard = old?.shard ?? [0, 1];
        connection.sessionId = sessionId;
        connection.seq = payload.d.seq ?? 0;
        this.resumes += 1;
        this.send(connection, 'RESUMED', {});
      }
      this.notify();
    });
    socket.on('close', () => this.notify());
  }

  private guild() {
    return {
      id: GUILD_ID,
      name: 'Siedlce',
      icon: null,
      owner_id: ALICE.id,
      preferred_locale: this.options.guildLocale ?? 'pl',
      unavailable: false,
      member_count: 2,
      features: [],
      roles: [
        {
          id: GUILD_ID,
          name: '@everyone',
          permissions: '0',
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      channels: [{ id: GUILD_CHANNEL_ID, type: 0, name: 'general', position: 0, permission_overwrites: [] }],
      threads: [],
      members: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** The open connection of a shard. */
  connection(shard = 0): Connection {
    const open = this.connections.filter((c) => c.shard?.[0] === shard && c.socket.readyState === c.socket.OPEN);
    const last = open[open.length - 1];
    if (!last) throw new Error(`fake Discord: shard ${shard} is not connected`);
    return last;
  }

  /** Waits until `count` shards are identified and their sockets open. */
  ready(count = 1): Promise<true> {
    return this.waitUntil(
      () =>
        Array.from({ length: count }).every((_, shard) =>
          this.connections.some((c) => c.shard?.[0] === shard && c.socket.readyState === c.socket.OPEN),
        ) || undefined,
      `${count} shard(s) ready`,
    );
  }

  send(connection: Connection, t: string, d: unknown) {
    connection.seq += 1;
    connection.socket.send(JSON.stringify({ op: 0, t, s: connection.seq, d }));
  }

  dispatch(t: string, d: unknown, shard = 0) {
    this.send(this.connection(shard), t, d);
  }

  /** Closes a shard's socket as Discord does when it wants a reconnect (4000: unknown error, resumable). */
  drop(shard = 0, code = 4000) {
    this.connection(shard).socket.close(code, 'fake Discord closed the connection');
  }
}

export interface InteractionOptions {
  locale?: string;
  /** In the server (member.user, guild_id, guild_locale) or in a DM (user). */
  where?: 'guild' | 'dm';
  user?: Person;
  shard?: number;
}

export interface SentInteraction {
  id: string;
  token: string;
}

function interactionBase(type: number, data: unknown, options: InteractionOptions) {
  const user = options.user ?? ALICE;
  const discordUser = { id: user.id, username: user.username, discriminator: '0', global_name: user.username };
  const guild = (options.where ?? 'guild') === 'guild';
  const id = snowflake();
  const token = `itoken-${id}`;
  return {
    id,
    token,
    d: {
      id,
      application_id: APP_ID,
      type,
      token,
      version: 1,
      data,
      locale: options.locale ?? 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      app_permissions: '0',
      ...(guild
        ? {
            guild_id: GUILD_ID,
            guild_locale: 'pl',
            channel_id: GUILD_CHANNEL_ID,
            channel: { id: GUILD_CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'general' },
            member: {
              user: discordUser,
              roles: [],
              joined_at: new Date(0).toISOString(),
              permissions: '0',
              deaf: false,
              mute: false,
              flags: 0,
            },
            context: 0,
          }
        : {
            channel_id: DM_CHANNEL_ID,
            channel: { id: DM_CHANNEL_ID, type: 1, recipients: [discordUser] },
            user: discordUser,
            context: 1,
          }),
    },
  };
}

export type CommandOption = { name: string; type: number; value: string; focused?: boolean };

/** A slash command (type 2), by its base name, with string options. */
export function sendCommand(
  fake: FakeDiscord,
  name: string,
  options: Record<string, string> = {},
  where: InteractionOptions = {},
): SentInteraction {
  const data = {
    id: `cmd-${name}`,
    name,
    type: 1,
    options: Object.entries(options).map(([option, value]) => ({ name: option, type: 3, value })),
  };
  const { id, token, d } = interactionBase(2, data, where);
  fake.dispatch('INTERACTION_CREATE', d, where.shard);
  return { id, token };
}

/** An autocomplete request (type 4) with the focused option. */
export function sendAutocomplete(
  fake: FakeDiscord,
  name: string,
  option: string,
  value: string,
  where: InteractionOptions = {},
): SentInteraction {
  const data = { id: `cmd-${name}`, name, type: 1, options: [{ name: option, type: 3, value, focused: true }] };
  const { id, token, d } = interactionBase(4, data, where);
  fake.dispatch('INTERACTION_CREATE', d, where.shard);
  return { id, token };
}

/** A button press (component_type 2) or a select menu choice (component_type 3) on a bot message. */
export function sendComponent(
  fake: FakeDiscord,
  customId: string,
  values: string[] | undefined,
  where: InteractionOptions = {},
): SentInteraction {
  const data = values ? { custom_id: customId, component_type: 3, values } : { custom_id: customId, component_type: 2 };
  const { id, token, d } = interactionBase(3, data, where);
  const channelId = (d as { channel_id: string }).channel_id;
  fake.dispatch(
    'INTERACTION_CREATE',
    {
      ...d,
      message: {
        id: snowflake(),
        channel_id: channelId,
        author: { id: BOT_ID, username: 'siedlce', discriminator: '0', bot: true },
        content: '',
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: [],
        embeds: [],
        components: [],
        pinned: false,
        type: 0,
        flags: 0,
      },
    },
    where.shard,
  );
  return { id, token };
}

/** A plain message: in the server (mentioning the bot unless told otherwise) or in a DM. */
export function sendMessage(
  fake: FakeDiscord,
  content: string,
  options: { where?: 'guild' | 'dm'; user?: Person; mentionBot?: boolean; everyone?: boolean; shard?: number } = {},
): string {
  const user = options.user ?? ALICE;
  const author = { id: user.id, username: user.username, discriminator: '0', bot: false };
  const guild = (options.where ?? 'guild') === 'guild';
  const mentionBot = options.mentionBot ?? guild;
  const id = snowflake();
  fake.dispatch(
    'MESSAGE_CREATE',
    {
      id,
      channel_id: guild ? GUILD_CHANNEL_ID : DM_CHANNEL_ID,
      // Discord sends the channel type; discord.js 14.28 drops a DM from an uncached channel without it.
      channel_type: guild ? 0 : 1,
      ...(guild
        ? {
            guild_id: GUILD_ID,
            member: { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
          }
        : {}),
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: options.everyone ?? false,
      mentions: mentionBot ? [{ id: BOT_ID, username: 'siedlce', discriminator: '0', bot: true }] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
    },
    options.shard,
  );
  return id;
}
