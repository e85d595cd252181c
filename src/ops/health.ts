import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningAdapter } from '../adapters/adapter.js';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

export interface HealthOptions {
  port: number;
  /** 0.0.0.0 by default, so a container's or a scraper's probe reaches it. */
  host?: string;
  /** The adapters running now (read on every probe). */
  adapters: () => readonly Pick<RunningAdapter, 'name' | 'healthy'>[];
  store: { ping(): Promise<boolean> };
  metrics: Metrics;
  logger?: Logger;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface HealthReport {
  ok: boolean;
  store: boolean;
  adapters: Record<string, boolean>;
}

export async function checkHealth(options: Pick<HealthOptions, 'adapters' | 'store'>): Promise<HealthReport> {
  const adapters = Object.fromEntries(options.adapters().map((adapter) => [adapter.name, adapter.healthy()]));
  const store = await Promise.race([
    options.store.ping().catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
  ]);
  return { ok: store && Object.values(adapters).every(Boolean), store, adapters };
}

/** `/healthz` (200 when the store answers and every adapter is connected, else 503) and `/metrics`. */
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
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
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
