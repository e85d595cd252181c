import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A small fake Discord on 127.0.0.1: REST under /api/v10 and the gateway (`ws`) on the same port,
 * following the team's Discord end-to-end reference notes. It records every REST request so tests can
 * assert the bodies the real discord.js client sends, and it behaves like Discord on a bad day:
 * it rejects what Discord rejects (over-long content, too many choices, empty messages, a second
 * or late interaction callback), blanks message content the bot may not read, identifies one
 * shard at a time (max_concurrency 1), and answers 429, 500 or 403 when told to.
 */

export const BOT_ID = '900000000000000001';
export const APP_ID = '900000000000000002';
export const GUILD_ID = '900000000000000003';
export const GUILD_CHANNEL_ID = '900000000000000004';
export const DM_CHANNEL_ID = '900000000000000005';
/** The role Discord creates for the bot when it joins a server (what "@Siedlce" often picks). */
export const BOT_ROLE_ID = '900000000000000006';
/** A channel where the bot may read but not post. */
export const READ_ONLY_CHANNEL_ID = '900000000000000007';
/** A channel where the bot may post text, but neither embeds nor files. */
export const PLAIN_CHANNEL_ID = '900000000000000008';
/** A server the app is not in (a user-installed app used there). */
export const FOREIGN_GUILD_ID = '900000000000000009';

/** Discord's permission bits the bot's answers depend on. */
export const PERMISSIONS = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  SendMessagesInThreads: 1n << 38n,
  ManageGuild: 1n << 5n,
} as const;
const BOT_PERMISSIONS = Object.values(PERMISSIONS).reduce((all, bit) => all | bit, 0n) & ~PERMISSIONS.ManageGuild;

/** Privileged intents: GuildMembers, GuildPresences, MessageContent. */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

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
  /** What the fake answered. */
  status: number;
  at: number;
}

interface Connection {
  socket: WebSocket;
  shard: [number, number] | undefined;
  seq: number;
  sessionId: string;
}

export interface Identify {
  shard: [number, number];
  intents: number;
  at: number;
}

export interface FakeDiscordOptions {
  /** The shard count /gateway/bot recommends. */
  shards?: number;
  /** The server's preferred_locale; Discord reports en-US for every server that is not a Community. */
  guildLocale?: string;
  /** The server's features (COMMUNITY lets its preferred_locale mean something). */
  guildFeatures?: string[];
  /** Close the gateway with this code instead of sending READY (4004: the token was reset). */
  closeOnIdentify?: number;
  /** Never send READY (the bot must give up within its login deadline). */
  withholdReady?: boolean;
  /** Extra text channels in the server, for flooding. */
  extraChannels?: number;
}

/** A failure the fake answers instead of the real thing, for the next request matching. */
export interface Refusal {
  match: (method: string, path: string) => boolean;
  status: 429 | 500 | 403 | 404 | 400 | 401;
  /** How many requests it applies to (default 1). */
  times?: number;
  /** For 429: seconds to wait. */
  retryAfter?: number;
  /** Discord's JSON error code (50013 Missing Permissions, 10062 Unknown interaction…). */
  code?: number;
}

export interface Person {
  id: string;
  username: string;
}

export const ALICE: Person = { id: '800000000000000001', username: 'alice' };

const DISCORD_EPOCH = 1420070400000n;
let counter = 0;
/** A snowflake dated `ago` ms in the past, like Discord's (the creation time is in the id). */
export const snowflake = (ago = 0): string =>
  String(((BigInt(Date.now() - ago) - DISCORD_EPOCH) << 22n) | BigInt(++counter % 4096));

const INTERACTION_WINDOW_MS = 3000;

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly connections: Connection[] = [];
  readonly identifies: Identify[] = [];
  /** The commands registered by PUT, served by GET (ids for command mentions). */
  commands: Record<string, unknown>[] = [];
  resumes = 0;
  readonly refusals: Refusal[] = [];
  /** Interaction ids already answered (a second callback is 40060). */
  private readonly acknowledged = new Set<string>();
  private readonly waiters = new Set<() => void>();
  private server!: Server;
  private wss!: WebSocketServer;
  private lastIdentify = 0;
  port = 0;

  constructor(private readonly options: FakeDiscordOptions = {}) {}

  get apiUrl() {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl() {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      void this.handle(request).then(
        ({ status, body, headers }) => {
          // A 204 has no body and no JSON content type (discord.js would try to parse it).
          if (body === undefined) response.writeHead(status, headers).end();
          else response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ message: String(error), code: 0 }));
        },
      );
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket) => this.connect(socket));
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests matching are answered with this failure. */
  refuse(refusal: Refusal): void {
    this.refusals.push({ times: 1, ...refusal });
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
    return this.requests.map((request) => `${request.method} ${request.path} ${request.status}`).join(', ');
  }

  /** The first request (after `from`) matching, waiting for it. */
  request(match: (request: RecordedRequest) => boolean, what = 'a request', from = 0): Promise<RecordedRequest> {
    return this.waitUntil(() => this.requests.slice(from).find(match), what);
  }

  private async handle(
    request: IncomingMessage,
  ): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
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
    const method = request.method ?? 'GET';
    const recorded: RecordedRequest = {
      method,
      path,
      query: url.searchParams,
      authorization: request.headers.authorization,
      body,
      files,
      uploads,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(recorded);
    const answer = this.route(method, path, body, files);
    recorded.status = answer.status;
    this.notify();
    return answer;
  }

  private route(
    method: string,
    path: string,
    body: Body,
    files: string[],
  ): { status: number; body?: unknown; headers?: Record<string, string> } {
    const refusal = this.refusals.find((candidate) => (candidate.times ?? 1) > 0 && candidate.match(method, path));
    if (refusal) {
      refusal.times = (refusal.times ?? 1) - 1;
      if (refusal.status === 429) {
        const retryAfter = refusal.retryAfter ?? 1;
        return {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
          headers: { 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' },
        };
      }
      const code = refusal.code ?? (refusal.status === 403 ? 50013 : 0);
      const message =
        refusal.status === 403
          ? 'Missing Permissions'
          : refusal.status === 401
            ? '401: Unauthorized'
            : 'Internal Server Error';
      return { status: refusal.status, body: { message, code } };
    }
    if (method === 'GET' && path === '/api/v10/gateway/bot') {
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.options.shards ?? 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      };
    }
    const callback = /^\/api\/v10\/interactions\/(\d+)\/[^/]+\/callback$/.exec(path);
    if (method === 'POST' && callback) {
      const id = callback[1] as string;
      if (this.acknowledged.has(id)) {
        return { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } };
      }
      if (Date.now() - createdAt(id) > INTERACTION_WINDOW_MS) {
        return { status: 404, body: { message: 'Unknown interaction', code: 10062 } };
      }
      const invalid = body.type === 8 ? invalidChoices(body.data?.choices) : invalidMessage(body.data ?? {}, files);
      if (invalid && body.type !== 5 && body.type !== 6) return invalid;
      this.acknowledged.add(id);
      return { status: 204 };
    }
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
      if (method === 'POST' || method === 'PATCH') {
        const invalid = invalidMessage(body, files, method === 'PATCH');
        if (invalid) return invalid;
      }
      return { status: 200, body: message(GUILD_CHANNEL_ID) };
    }
    const channel = /^\/api\/v10\/channels\/(\d+)\/(messages|typing)$/.exec(path);
    if (channel) {
      if (channel[2] === 'typing') return { status: 204 };
      if (channel[1] === READ_ONLY_CHANNEL_ID) {
        return { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
      }
      const invalid = invalidMessage(body, files);
      if (invalid) return invalid;
      if (channel[1] === PLAIN_CHANNEL_ID && ((body.embeds?.length ?? 0) > 0 || files.length > 0)) {
        // Discord drops embeds silently without Embed Links, and refuses files without Attach Files.
        if (files.length > 0) return { status: 403, body: { message: 'Missing Permissions', code: 50013 } };
      }
      return { status: 200, body: message(channel[1] as string) };
    }
    if (/^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      if (method === 'PUT') {
        this.commands = (body as unknown as Record<string, unknown>[]).map((command) => ({
          id: snowflake(),
          application_id: APP_ID,
          version: '1',
          ...command,
        }));
        return { status: 200, body: this.commands };
      }
      if (method === 'GET') return { status: 200, body: this.commands };
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
        d: { shard?: [number, number]; session_id?: string; seq?: number; intents?: number };
      };
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (payload.op === 2) this.identify(connection, payload.d.shard ?? [0, 1], payload.d.intents ?? 0);
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

  private identify(connection: Connection, shard: [number, number], intents: number) {
    const now = Date.now();
    // max_concurrency 1: one IDENTIFY per 5 s; Discord closes a connection that identifies faster.
    const tooSoon = now - this.lastIdentify < 5000 && this.identifies.length > 0;
    this.lastIdentify = now;
    this.identifies.push({ shard, intents, at: now });
    connection.shard = shard;
    if (tooSoon) return connection.socket.close(4008, 'Rate limited.');
    if ((intents & PRIVILEGED_INTENTS) !== 0) return connection.socket.close(4014, 'Disallowed intent(s).');
    if (this.options.closeOnIdentify) return connection.socket.close(this.options.closeOnIdentify, 'Refused.');
    if (this.options.withholdReady) return;
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

  /** The intents of every IDENTIFY, for tests that none is privileged. */
  get identifiedIntents(): number[] {
    return this.identifies.map((identify) => identify.intents);
  }

  /** Every channel of the server: general, read-only, plain, and the extra ones. */
  channelIds(): string[] {
    const extra = Array.from({ length: this.options.extraChannels ?? 0 }, (_, index) =>
      String(910000000000000000n + BigInt(index)),
    );
    return [GUILD_CHANNEL_ID, READ_ONLY_CHANNEL_ID, PLAIN_CHANNEL_ID, ...extra];
  }

  private guild() {
    const channel = (id: string, name: string, permission_overwrites: unknown[] = []) => ({
      id,
      type: 0,
      name,
      position: 0,
      permission_overwrites,
    });
    return {
      id: GUILD_ID,
      name: 'Siedlce',
      icon: null,
      owner_id: ALICE.id,
      // A server that is not a Community reports en-US whatever its people speak.
      preferred_locale: this.options.guildLocale ?? 'en-US',
      unavailable: false,
      member_count: 2,
      features: this.options.guildFeatures ?? [],
      roles: [
        { ...role(GUILD_ID, '@everyone', 0n), managed: false },
        { ...role(BOT_ROLE_ID, 'Siedlce', BOT_PERMISSIONS), managed: true, tags: { bot_id: BOT_ID } },
      ],
      emojis: [],
      stickers: [],
      channels: this.channelIds().map((id) =>
        id === READ_ONLY_CHANNEL_ID
          ? channel(id, 'announcements', [
              { id: BOT_ROLE_ID, type: 0, allow: '0', deny: String(PERMISSIONS.SendMessages) },
            ])
          : id === PLAIN_CHANNEL_ID
            ? channel(id, 'plain', [
                {
                  id: BOT_ROLE_ID,
                  type: 0,
                  allow: '0',
                  deny: String(PERMISSIONS.EmbedLinks | PERMISSIONS.AttachFiles),
                },
              ])
            : channel(id, id === GUILD_CHANNEL_ID ? 'general' : `channel-${id.slice(-4)}`),
      ),
      threads: [],
      // Discord includes the bot's own member in GUILD_CREATE.
      members: [
        {
          user: { id: BOT_ID, username: 'siedlce', discriminator: '0', bot: true },
          roles: [BOT_ROLE_ID],
          joined_at: new Date(0).toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
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

  /** Open connections of a shard (two would mean two processes answer its events). */
  openConnections(shard = 0): number {
    return this.connections.filter((c) => c.shard?.[0] === shard && c.socket.readyState === c.socket.OPEN).length;
  }

  /** Waits until `count` shards are identified and their sockets open. */
  ready(count = 1, timeoutMs = 10_000): Promise<true> {
    return this.waitUntil(
      () =>
        Array.from({ length: count }).every((_, shard) =>
          this.connections.some((c) => c.shard?.[0] === shard && c.socket.readyState === c.socket.OPEN),
        ) || undefined,
      `${count} shard(s) ready`,
      timeoutMs,
    );
  }

  send(connection: Connection, t: string, d: unknown) {
    connection.seq += 1;
    connection.socket.send(JSON.stringify({ op: 0, t, s: connection.seq, d }));
  }

  /** A dispatch to every open connection of a shard (all of them: Discord would too, for two sessions). */
  dispatch(t: string, d: unknown, shard = 0) {
    const open = this.connections.filter((c) => c.shard?.[0] === shard && c.socket.readyState === c.socket.OPEN);
    if (open.length === 0) throw new Error(`fake Discord: shard ${shard} is not connected`);
    for (const connection of open) this.send(connection, t, d);
  }

  /** Closes a shard's socket as Discord does (4000: unknown error, resumable; 4004: token reset). */
  drop(shard = 0, code = 4000) {
    this.connection(shard).socket.close(code, 'fake Discord closed the connection');
  }

  /** The intents the bot identified with include MessageContent (content is then never blanked). */
  private readsContent(shard: number): boolean {
    const last = [...this.identifies].reverse().find((identify) => identify.shard[0] === shard);
    return last !== undefined && (last.intents & (1 << 15)) !== 0;
  }

  /** Discord blanks a guild message's content unless it mentions the bot (or its role), or MessageContent is on. */
  contentFor(content: string, guild: boolean, mentioned: boolean, shard = 0): string {
    return !guild || mentioned || this.readsContent(shard) ? content : '';
  }
}

function role(id: string, name: string, permissions: bigint) {
  return {
    id,
    name,
    permissions: String(permissions),
    position: 0,
    color: 0,
    hoist: false,
    mentionable: false,
    flags: 0,
  };
}

const createdAt = (id: string): number => Number((BigInt(id) >> 22n) + DISCORD_EPOCH);

const bad = (message: string, code = 50035) => ({ status: 400, body: { message, code } });

/** What Discord answers 400 to: over-long or empty messages and embeds. */
function invalidMessage(body: MessageBody, files: string[], edit = false) {
  if ((body.content?.length ?? 0) > 2000) return bad('content: Must be 2000 or fewer in length.');
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) return bad('embeds: Must be 10 or fewer in length.');
  let total = 0;
  for (const embed of embeds) {
    if ((embed.title?.length ?? 0) > 256) return bad('embeds.title: Must be 256 or fewer in length.');
    if ((embed.description?.length ?? 0) > 4096) return bad('embeds.description: Must be 4096 or fewer in length.');
    if ((embed.fields?.length ?? 0) > 25) return bad('embeds.fields: Must be 25 or fewer in length.');
    for (const field of embed.fields ?? []) {
      if (field.name.length > 256 || field.value.length > 1024) return bad('embeds.fields: too long.');
      if (!field.name || !field.value) return bad('embeds.fields: must not be empty.');
    }
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  }
  if (total > 6000) return bad('embeds: Embed size exceeds maximum size of 6000');
  const empty = !body.content && embeds.length === 0 && files.length === 0 && (body.components?.length ?? 0) === 0;
  if (empty && !edit) return bad('Cannot send an empty message', 50006);
  return undefined;
}

function invalidChoices(choices: { name: string; value: string }[] | undefined) {
  if ((choices?.length ?? 0) > 25) return bad('data.choices: Must be 25 or fewer in length.');
  if ((choices ?? []).some((choice) => choice.name.length > 100 || choice.name.length === 0)) {
    return bad('data.choices.name: Must be between 1 and 100 in length.');
  }
  return undefined;
}

export interface InteractionOptions {
  locale?: string;
  /** In the server (member.user, guild_id, guild_locale), in a DM (user), in a server the app is not in. */
  where?: 'guild' | 'dm' | 'foreign';
  user?: Person;
  shard?: number;
  /** How long ago the interaction was created (the gateway or the bot lagging). */
  ageMs?: number;
  /** The member's permissions in the server (Manage Server for /settings). */
  memberPermissions?: bigint;
  channelId?: string;
  /** The bot's permissions in the channel (`app_permissions`). */
  appPermissions?: bigint;
}

export interface SentInteraction {
  id: string;
  token: string;
}

function interactionBase(type: number, data: unknown, options: InteractionOptions) {
  const user = options.user ?? ALICE;
  const discordUser = { id: user.id, username: user.username, discriminator: '0', global_name: user.username };
  const where = options.where ?? 'guild';
  const id = snowflake(options.ageMs ?? 0);
  const token = `itoken-${id}`;
  const channelId = options.channelId ?? GUILD_CHANNEL_ID;
  const member = {
    user: discordUser,
    roles: [],
    joined_at: new Date(0).toISOString(),
    permissions: String(options.memberPermissions ?? 0n),
    deaf: false,
    mute: false,
    flags: 0,
  };
  const place =
    where === 'guild'
      ? {
          guild_id: GUILD_ID,
          guild_locale: 'en-US',
          channel_id: channelId,
          channel: { id: channelId, type: 0, guild_id: GUILD_ID, name: 'general' },
          member,
          context: 0,
          authorizing_integration_owners: { 0: GUILD_ID },
        }
      : where === 'foreign'
        ? {
            guild_id: FOREIGN_GUILD_ID,
            guild_locale: 'en-US',
            channel_id: '900000000000000010',
            channel: { id: '900000000000000010', type: 0, guild_id: FOREIGN_GUILD_ID, name: 'elsewhere' },
            member,
            context: 0,
            authorizing_integration_owners: { 1: user.id },
          }
        : {
            channel_id: DM_CHANNEL_ID,
            channel: { id: DM_CHANNEL_ID, type: 1, recipients: [discordUser] },
            user: discordUser,
            context: 1,
            authorizing_integration_owners: { 1: user.id },
          };
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
      app_permissions: String(options.appPermissions ?? BOT_PERMISSIONS),
      ...place,
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

/** A slash command with a subcommand (`/settings language value`). */
export function sendSubcommand(
  fake: FakeDiscord,
  name: string,
  subcommand: string,
  options: Record<string, string>,
  where: InteractionOptions = {},
): SentInteraction {
  const data = {
    id: `cmd-${name}`,
    name,
    type: 1,
    options: [
      {
        name: subcommand,
        type: 1,
        options: Object.entries(options).map(([option, value]) => ({ name: option, type: 3, value })),
      },
    ],
  };
  const { id, token, d } = interactionBase(2, data, where);
  fake.dispatch('INTERACTION_CREATE', d, where.shard);
  return { id, token };
}

/** A message context-menu command (type 3) on a message with this content (Discord always sends it). */
export function sendMessageCommand(
  fake: FakeDiscord,
  name: string,
  content: string,
  where: InteractionOptions = {},
): SentInteraction {
  const messageId = snowflake();
  const author = { id: '800000000000000099', username: 'bob', discriminator: '0' };
  const data = {
    id: `cmd-${name}`,
    name,
    type: 3,
    target_id: messageId,
    resolved: {
      messages: {
        [messageId]: {
          ...messageShape(messageId, where.channelId ?? GUILD_CHANNEL_ID, author, content),
        },
      },
    },
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

const messageShape = (id: string, channelId: string, author: Record<string, unknown>, content: string) => ({
  id,
  channel_id: channelId,
  author,
  content,
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
});

/**
 * A button press (component_type 2) or a select menu choice (component_type 3) on a bot message.
 * `asker` is who the bot's message answered (its interaction metadata), when it came from an interaction.
 */
export function sendComponent(
  fake: FakeDiscord,
  customId: string,
  values: string[] | undefined,
  where: InteractionOptions & { asker?: Person; messageId?: string } = {},
): SentInteraction {
  const data = values ? { custom_id: customId, component_type: 3, values } : { custom_id: customId, component_type: 2 };
  const { id, token, d } = interactionBase(3, data, where);
  const channelId = (d as { channel_id: string }).channel_id;
  const asker = where.asker ?? where.user ?? ALICE;
  fake.dispatch(
    'INTERACTION_CREATE',
    {
      ...d,
      message: {
        ...messageShape(
          where.messageId ?? snowflake(),
          channelId,
          { id: BOT_ID, username: 'siedlce', discriminator: '0', bot: true },
          '',
        ),
        interaction_metadata: {
          id: snowflake(),
          type: 2,
          user: { id: asker.id, username: asker.username, discriminator: '0' },
          authorizing_integration_owners: {},
        },
      },
    },
    where.shard,
  );
  return { id, token };
}

export interface MessageOptions {
  where?: 'guild' | 'dm';
  user?: Person;
  /** The message mentions the bot's user (default in a server). */
  mentionBot?: boolean;
  /** The message mentions the bot's managed role instead (`<@&role>`). */
  mentionRole?: boolean;
  everyone?: boolean;
  shard?: number;
  channelId?: string;
}

/** A plain message: in the server (mentioning the bot unless told otherwise) or in a DM. Content as Discord would send it. */
export function sendMessage(fake: FakeDiscord, content: string, options: MessageOptions = {}): string {
  const user = options.user ?? ALICE;
  const author = { id: user.id, username: user.username, discriminator: '0', bot: false };
  const guild = (options.where ?? 'guild') === 'guild';
  const mentionBot = options.mentionBot ?? (guild && !options.mentionRole);
  const mentionRole = options.mentionRole ?? false;
  const id = snowflake();
  const channelId = options.channelId ?? (guild ? GUILD_CHANNEL_ID : DM_CHANNEL_ID);
  fake.dispatch(
    'MESSAGE_CREATE',
    {
      ...messageShape(id, channelId, author, fake.contentFor(content, guild, mentionBot || mentionRole, options.shard)),
      // Discord sends the channel type; discord.js 14.28 drops a DM from an uncached channel without it.
      channel_type: guild ? 0 : 1,
      ...(guild
        ? {
            guild_id: GUILD_ID,
            member: { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 },
          }
        : {}),
      mention_everyone: options.everyone ?? false,
      mentions: mentionBot ? [{ id: BOT_ID, username: 'siedlce', discriminator: '0', bot: true }] : [],
      mention_roles: mentionRole ? [BOT_ROLE_ID] : [],
    },
    options.shard,
  );
  return id;
}
