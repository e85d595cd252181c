import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';
import { type Backend, firstLine } from './backend.js';

/**
 * Keyv storage that forwards to an adapter still being loaded. Keyv sets `namespace` on its store
 * once, when it is created; the adapter gets it as soon as it is there.
 */
class DeferredKeyv extends EventEmitter implements KeyvStoreAdapter {
  readonly opts = {};
  private space: string | undefined;
  private inner: KeyvStoreAdapter | undefined;

  constructor(private readonly loading: Promise<KeyvStoreAdapter>) {
    super();
    loading.then(
      (adapter) => {
        this.inner = adapter;
        adapter.namespace = this.space;
        adapter.on('error', (error: unknown) => this.emit('error', error));
      },
      () => undefined,
    );
  }

  get namespace(): string | undefined {
    return this.space;
  }

  set namespace(namespace: string | undefined) {
    this.space = namespace;
    if (this.inner) this.inner.namespace = namespace;
  }

  private async adapter(): Promise<KeyvStoreAdapter> {
    return this.inner ?? (await this.loading);
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return (await this.adapter()).get<Value>(key);
  }

  async set(key: string, value: unknown, ttl?: number): Promise<unknown> {
    return (await this.adapter()).set(key, value, ttl);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.adapter()).delete(key);
  }

  async clear(): Promise<void> {
    await (await this.adapter()).clear();
  }
}

/**
 * A backend whose module is loaded only when it is used, so a process on SQLite never loads the
 * Redis client. Until it is loaded every call waits for it; a module that fails to load fails
 * every call (ready() first, so health and the first question say so).
 */
export function deferredBackend(kind: Backend['kind'], location: string, loading: Promise<Backend>): Backend {
  let loaded: Backend | undefined;
  const backend = loading.then((ready) => {
    loaded = ready;
    return ready;
  });
  backend.catch(() => undefined);
  return {
    kind,
    location,
    keyv: new DeferredKeyv(backend.then((ready) => ready.keyv)),
    log: {
      append: async (entry) => (await backend).log.append(entry),
      list: async () => (await backend).log.list(),
    },
    counter: { hit: async (key, windowMs) => (await backend).counter.hit(key, windowMs) },
    ready: async () => (await backend).ready(),
    check: async () => (await backend).check(),
    explain: (error) => loaded?.explain(error) ?? `${kind} at ${location}: ${firstLine(error)}`,
    sweep: async () => (await backend).sweep(),
    close: async () => (await backend).close(),
  };
}
