import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdapterHealth, RunningAdapter } from '../adapters/adapter.js';
import type { Logger } from '../logger.js';
import type { StoreHealth } from '../store/state.js';
import type { Metrics } from './metrics.js';

/** Where the process is in its life: answers only count as healthy once everything has started. */
export type Phase = 'starting' | 'ready' | 'stopping';

export interface HealthOptions {
  port: number;
  /** The address to listen on; see defaultHealthHost. */
  host: string;
  /** The adapters now, `starting` ones included (read on every probe). */
  adapters: () => readonly Pick<RunningAdapter, 'name' | 'health'>[];
  /** The store once it is open (undefined while it opens). */
  store: () => { health(): Promise<StoreHealth> } | undefined;
  phase: () => Phase;
  metrics: Metrics;
  logger?: Logger | undefined;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface HealthReport {
  ok: boolean;
  phase: Phase;
  store: AdapterHealth;
  adapters: Record<string, AdapterHealth>;
}

const STORE_PROBE_MS = 2000;

/**
 * Inside a container the probe comes from outside the container's own loopback (the runtime, an
 * orchestrator), so listen on every interface there; elsewhere only on this machine.
 */
export function inContainer(
  exists: (path: string) => boolean = existsSync,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return (
    exists('/.dockerenv') ||
    exists('/run/.containerenv') ||
    Boolean(env.container) ||
    Boolean(env.KUBERNETES_SERVICE_HOST)
  );
}

export function defaultHealthHost(container = inContainer()): string {
  return container ? '0.0.0.0' : '127.0.0.1';
}

async function storeHealth(options: Pick<HealthOptions, 'store'>): Promise<AdapterHealth> {
  const store = options.store();
  if (!store) return { status: 'starting' };
  const probe = await Promise.race([
    store
      .health()
      .catch((error: unknown): StoreHealth => ({ ok: false, detail: String((error as Error)?.message ?? error) })),
    new Promise<StoreHealth>((resolve) =>
      setTimeout(() => resolve({ ok: false, detail: `no answer within ${STORE_PROBE_MS} ms` }), STORE_PROBE_MS).unref(),
    ),
  ]);
  // The store's own health covers free space where its file lives (it knows where that is).
  return probe.ok ? { status: 'ready' } : { status: 'down', detail: probe.detail };
}

export async function checkHealth(options: Pick<HealthOptions, 'adapters' | 'store' | 'phase'>): Promise<HealthReport> {
  const adapters = Object.fromEntries(options.adapters().map((adapter) => [adapter.name, adapter.health()]));
  const store = await storeHealth(options);
  const phase = options.phase();
  const ok =
    phase === 'ready' &&
    store.status === 'ready' &&
    Object.values(adapters).every((health) => health.status === 'ready');
  return { ok, phase, store, adapters };
}

/**
 * `/healthz` (200 once everything has started and while the store and every adapter work, else
 * 503, with what is not ready and why) and `/metrics`.
 */
export async function startHealthServer(options: HealthOptions): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, 'text/plain; charset=utf-8', 'method not allowed\n');
      return;
    }
    const work =
      path === '/healthz'
        ? checkHealth(options).then((report) =>
            send(report.ok ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`),
          )
        : path === '/metrics'
          ? options.metrics.registry.metrics().then((text) => send(200, options.metrics.registry.contentType, text))
          : Promise.resolve(send(404, 'text/plain; charset=utf-8', 'not found: try /healthz or /metrics\n'));
    work.catch((error: unknown) => {
      options.metrics.error('health');
      options.logger?.error({ err: error }, 'health endpoint failed');
      if (!response.headersSent) send(500, 'text/plain; charset=utf-8', 'internal error\n');
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
