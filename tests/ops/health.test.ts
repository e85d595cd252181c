import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AdapterHealth } from '../../src/adapters/adapter.js';
import {
  checkHealth,
  defaultHealthHost,
  type HealthReport,
  inContainer,
  type Phase,
  startHealthServer,
} from '../../src/ops/health.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { createAssistant } from '../../src/service/assistant.js';
import { createRateLimiter } from '../../src/store/rate-limit.js';
import { openStore, type StoreHealth, type UserRef } from '../../src/store/state.js';
import { realEngine } from '../support/engine.js';

const dir = mkdtempSync(join(tmpdir(), 'health-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The value of one sample line of a Prometheus text exposition, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const found = Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`));
    if (found) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/healthz and /metrics', () => {
  it('report the adapters, the store and the counters of the questions asked', async () => {
    const store = openStore({ stateDir: dir });
    const metrics = createMetrics({ processMetrics: false });
    const assistant = createAssistant({
      engine: realEngine(),
      state: store,
      rateLimiter: createRateLimiter({ counter: store.counter, limit: 4, windowMs: 60_000 }),
      unanswered: metrics.countUnanswered(store.unanswered),
      observer: metrics,
    });
    let telegram: AdapterHealth = { status: 'ready' };
    const adapters = [
      { name: 'discord', health: (): AdapterHealth => ({ status: 'ready' }) },
      { name: 'telegram', health: () => telegram },
    ];
    let phase: Phase = 'starting';
    const server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      adapters: () => adapters,
      store: () => store,
      phase: () => phase,
      metrics,
    });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      const anna: UserRef = { platform: 'discord', id: 'anna' };
      const piotr: UserRef = { platform: 'telegram', id: 'piotr' };
      const ask = (user: UserRef, text: string) =>
        assistant.ask({ user, session: `${user.platform}:${user.id}`, text });
      await ask(anna, 'When was the agreement with Dasing signed?');
      await ask(anna, 'And with Kirov?');
      await ask(anna, 'Is Paris a partner?');
      await ask(piotr, 'Kiedy podpisano umowę z Dasing?');
      await ask(piotr, 'asdf qwer');
      // anna: one more allowed, then refused.
      await ask(anna, 'Hello');
      await ask(anna, 'Hello');

      // Not ready until everything has started, although each part is.
      const starting = await fetch(`${base}/healthz`);
      expect(starting.status).toBe(503);
      expect(((await starting.json()) as HealthReport).phase).toBe('starting');
      phase = 'ready';
      const healthy = await fetch(`${base}/healthz`);
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toEqual({
        ok: true,
        phase: 'ready',
        store: { status: 'ready' },
        adapters: { discord: { status: 'ready' }, telegram: { status: 'ready' } },
      });

      const response = await fetch(`${base}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(sample(text, 'bot_answers_total', { intent: 'signing_date', language: 'en', platform: 'discord' })).toBe(
        2,
      );
      expect(sample(text, 'bot_answers_total', { intent: 'signing_date', language: 'pl', platform: 'telegram' })).toBe(
        1,
      );
      expect(sample(text, 'bot_answers_total', { intent: 'not_a_partner', language: 'en', platform: 'discord' })).toBe(
        1,
      );
      expect(sample(text, 'bot_answers_total', { intent: 'unknown', platform: 'telegram' })).toBe(1);
      expect(sample(text, 'bot_answers_total', { intent: 'greeting', platform: 'discord' })).toBe(1);
      expect(sample(text, 'bot_answer_duration_seconds_count', { platform: 'discord' })).toBe(4);
      expect(sample(text, 'bot_answer_duration_seconds_count', { platform: 'telegram' })).toBe(2);
      expect(sample(text, 'bot_unanswered_total', { language: 'en', platform: 'discord' })).toBe(1);
      expect(sample(text, 'bot_unanswered_total', { platform: 'telegram' })).toBe(1);
      expect(sample(text, 'bot_rate_limited_total', { platform: 'discord' })).toBe(1);
      expect(sample(text, 'bot_errors_total')).toBeUndefined();

      // An adapter losing its connection, then the store closing, turn the probe red, saying why.
      telegram = { status: 'down', detail: 'getUpdates: 502 Bad Gateway' };
      const down = await fetch(`${base}/healthz`);
      expect(down.status).toBe(503);
      expect(((await down.json()) as HealthReport).adapters).toEqual({
        discord: { status: 'ready' },
        telegram: { status: 'down', detail: 'getUpdates: 502 Bad Gateway' },
      });
      telegram = { status: 'ready' };
      await store.close();
      const storeDown = await fetch(`${base}/healthz`);
      expect(storeDown.status).toBe(503);
      expect(((await storeDown.json()) as HealthReport).store.status).toBe('down');

      // Degrade, don't refuse: with the store gone the question is still answered, and counted.
      const outcome = await ask(piotr, 'When was the agreement with Sabinov signed?');
      expect(outcome.kind === 'reply' && outcome.reply.text).toContain('2001');
      const after = await (await fetch(`${base}/metrics`)).text();
      expect(sample(after, 'bot_state_failures_total', { operation: 'save' })).toBe(1);
      expect(sample(after, 'bot_errors_total', { source: 'telegram' })).toBeUndefined();

      expect((await fetch(`${base}/nothing`)).status).toBe(404);
    } finally {
      await server.close();
      await store.close();
    }
  });
});

describe('the health probe exercises what fails', () => {
  const probe = (store: { health(): Promise<StoreHealth> }) =>
    checkHealth({ adapters: () => [], store: () => store, phase: () => 'ready' });

  it('reports the store down when its heartbeat cannot be written, although it would answer a ping', async () => {
    const readOnly = {
      ping: async () => true,
      health: async (): Promise<StoreHealth> => ({
        ok: false,
        detail: 'SQLITE_READONLY: attempt to write a readonly database',
      }),
    };
    expect(await probe(readOnly)).toMatchObject({
      ok: false,
      store: { status: 'down', detail: 'SQLITE_READONLY: attempt to write a readonly database' },
    });
  });

  it('reports the store down when the disk where it lives is (nearly) full', async () => {
    const fine = openStore({ stateDir: mkdtempSync(join(dir, 'disk-fine-')) });
    expect((await probe(fine)).store).toEqual({ status: 'ready' });
    await fine.close();
    const full = openStore({ stateDir: mkdtempSync(join(dir, 'disk-full-')), minFreeBytes: Number.MAX_SAFE_INTEGER });
    const report = await probe(full);
    await full.close();
    expect(report.store.status).toBe('down');
    expect(report.store.detail).toMatch(/free where the state file lives/);
  });

  it('writes and reads a heartbeat in the real store', async () => {
    const store = openStore({ stateDir: mkdtempSync(join(dir, 'beat-')) });
    expect(await store.health()).toEqual({ ok: true });
    await store.close();
    expect((await store.health()).ok).toBe(false);
  });

  it('listens on loopback outside a container, on every interface inside one', () => {
    const none = () => false;
    expect(inContainer(none, {})).toBe(false);
    expect(defaultHealthHost(false)).toBe('127.0.0.1');
    expect(inContainer((path) => path === '/.dockerenv', {})).toBe(true);
    expect(inContainer((path) => path === '/run/.containerenv', {})).toBe(true);
    expect(inContainer(none, { container: 'podman' })).toBe(true);
    expect(inContainer(none, { KUBERNETES_SERVICE_HOST: '10.0.0.1' })).toBe(true);
    expect(defaultHealthHost(true)).toBe('0.0.0.0');
  });
});
