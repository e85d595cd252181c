import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync, statfsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import Keyv, { type KeyvStoreAdapter, type StoredData } from 'keyv';
import { type Backend, firstLine, type LogBackend, type LogLimits, StoreOpenError } from './backend.js';
import { memoryCounter } from './rate-limit.js';
import { type UnansweredEntry, UnansweredEntrySchema } from './types.js';

// The file format is the one @keyv/sqlite 4 wrote, so existing var/state.sqlite files are read
// as they are: one table `keyv` (key VARCHAR(255) PRIMARY KEY, value TEXT), keys
// `<namespace>:<key>`, values keyv's JSON `{"value":…,"expires":…}` (written by keyv itself).
const TABLE = 'keyv';
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${TABLE}(key VARCHAR(255) PRIMARY KEY, value TEXT )`;
/** How long a write waits for another process holding the write lock (two bots on one file). */
const BUSY_TIMEOUT_MS = 5000;
/**
 * Below this much free space where the file lives, the store reports itself unhealthy: SQLite
 * needs room for its WAL and checkpoints before writes start failing.
 */
export const DEFAULT_MIN_FREE_BYTES = 50 * 1024 * 1024;

export function sqliteFile(stateDir: string | undefined): string {
  return join(resolve(stateDir ?? 'var'), 'state.sqlite');
}

/** The smallest string greater than every string starting with `prefix` (which ends in ASCII). */
const after = (prefix: string) =>
  `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;

const sqliteCode = (error: unknown) => (error as { errcode?: number }).errcode ?? -1;
// Primary result codes (the low byte of an extended code).
const SQLITE_READONLY = 8;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_NOTADB = 26;
const isReadOnly = (error: unknown) => (sqliteCode(error) & 0xff) === SQLITE_READONLY;
const isDamaged = (error: unknown) => [SQLITE_CORRUPT, SQLITE_NOTADB].includes(sqliteCode(error) & 0xff);

function makeStateDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'EEXIST' ? 'is a file' : code === 'ENOTDIR' ? 'has a file in its path' : undefined;
    const problem = what ? `${what}, not a folder` : `cannot be created (${firstLine(error)})`;
    throw new StoreOpenError(
      `STATE_DIR="${dir}" ${problem} — set STATE_DIR to a folder the bot may write (it is created if missing)`,
      { cause: error },
    );
  }
}

const cannotUse = (file: string, problem: string, fix: string, cause?: unknown) =>
  new StoreOpenError(`the state store ${file} cannot be used: ${problem} — ${fix}`, { cause });
const MOVE_ASIDE = 'move it aside to start with an empty state, or restore a backup (docs/operations.md)';
const MAKE_WRITABLE = "let the bot's user write the file and its folder";

/**
 * Opens (or creates) the state file, or throws one line naming the file and the fix. A damaged
 * file is never replaced nor written to: the language choices in it may still be recovered. A
 * read-only file opens (SQLite falls back to reading) and shows up in health() instead.
 */
export function openDatabase(file: string): DatabaseSync {
  makeStateDir(dirname(file));
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw cannotUse(
      file,
      `it cannot be opened (${firstLine(error)})`,
      'check that it is a file the bot may write',
      error,
    );
  }
  try {
    const tolerateReadOnly = (sql: string) => {
      try {
        db.exec(sql);
      } catch (error) {
        if (!isReadOnly(error)) throw error;
      }
    };
    // Checked before anything is written, so a damaged file is left exactly as it was found.
    const problems = db.prepare('PRAGMA quick_check(3)').all();
    const first = String(problems[0]?.quick_check);
    if (first !== 'ok') {
      const why = first.replace(/\*\*\* in database \w+ \*\*\*\s*/, '').split('\n', 1)[0] ?? first;
      throw cannotUse(file, `it is damaged: ${why}`, MOVE_ASIDE);
    }
    // WAL: readers do not wait for the writer, and a commit is one append instead of a full sync,
    // still safe against the process stopping or crashing at any point.
    tolerateReadOnly('PRAGMA journal_mode=WAL');
    db.exec('PRAGMA synchronous=NORMAL');
    tolerateReadOnly(CREATE_TABLE);
    if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${TABLE}'`).get())
      throw cannotUse(file, 'it is read-only and holds no state yet', MAKE_WRITABLE);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    if (isDamaged(error)) throw cannotUse(file, `it is damaged: ${firstLine(error)}`, MOVE_ASIDE, error);
    throw cannotUse(file, firstLine(error), 'check the file and its folder', error);
  }
}

interface Row {
  key: string;
  value: string;
}

/** A keyv storage adapter over node:sqlite, writing the same rows @keyv/sqlite did. */
export class NodeSqliteKeyv extends EventEmitter implements KeyvStoreAdapter {
  // Expiry is keyv's: it writes `expires` into the value and drops expired values when read.
  readonly ttlSupport = false;
  readonly opts: { dialect: 'sqlite'; url: string; table: string };
  namespace?: string | undefined;
  private readonly statements = new Map<string, StatementSync>();

  constructor(
    private readonly db: DatabaseSync,
    url: string,
  ) {
    super();
    this.opts = { dialect: 'sqlite', url, table: TABLE };
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    const row = this.statement(`SELECT value FROM ${TABLE} WHERE key = ?`).get(key) as Row | undefined;
    return row?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: string): Promise<void> {
    this.statement(
      `INSERT INTO ${TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    ).run(key, value);
  }

  async delete(key: string): Promise<boolean> {
    return Number(this.statement(`DELETE FROM ${TABLE} WHERE key = ?`).run(key).changes) > 0;
  }

  async clear(): Promise<void> {
    const prefix = `${this.namespace ?? ''}:`;
    if (!this.namespace) this.statement(`DELETE FROM ${TABLE}`).run();
    else this.statement(`DELETE FROM ${TABLE} WHERE key >= ? AND key < ?`).run(prefix, after(prefix));
  }

  async disconnect(): Promise<void> {
    // The backend owns the connection and closes it once every user of it is done.
  }
}

/** Keys that carry an expiry, swept from the file when it has passed. */
const EXPIRING = ['conversation:', 'preference:', 'heartbeat:'];

/**
 * The unanswered-question log in the keyv table, one row per entry keyed by time
 * (`<prefix>:unanswered:<at>:<uuid>`, as before), so the oldest are a key range to delete.
 */
function sqliteLog(db: DatabaseSync, file: string, prefix: string, limits: LogLimits): LogBackend & { trim(): void } {
  const namespace = `${prefix}:unanswered`;
  // keyv writes the rows (its serialisation, as before); reading and trimming are key ranges.
  const log = new Keyv<unknown>({ store: new NodeSqliteKeyv(db, `sqlite://${file}`), namespace, throwOnErrors: true });
  const start = `${namespace}:`;
  const end = after(start);
  const count = db.prepare(`SELECT count(*) AS n FROM ${TABLE} WHERE key >= ? AND key < ?`);
  const deleteBefore = db.prepare(`DELETE FROM ${TABLE} WHERE key >= ? AND key < ?`);
  const deleteOldest = db.prepare(
    `DELETE FROM ${TABLE} WHERE key IN (SELECT key FROM ${TABLE} WHERE key >= ? AND key < ? ORDER BY key LIMIT ?)`,
  );
  const all = db.prepare(`SELECT key, value FROM ${TABLE} WHERE key >= ? AND key < ? ORDER BY key`);
  // The cap is checked every this many writes, so the log stays within a percent of it.
  const trimEvery = Math.max(1, Math.floor(limits.maxEntries / 100));
  let writesSinceTrim = 0;

  const trim = () => {
    writesSinceTrim = 0;
    const cutoff = new Date(Date.now() - limits.retentionMs).toISOString();
    deleteBefore.run(start, `${start}${cutoff}`);
    const { n } = count.get(start, end) as { n: number };
    if (n > limits.maxEntries) deleteOldest.run(start, end, n - limits.maxEntries);
  };
  return {
    trim,
    async append(entry) {
      await log.set(`${entry.at}:${randomUUID()}`, entry);
      writesSinceTrim += 1;
      if (writesSinceTrim >= trimEvery) trim();
    },
    async list() {
      trim();
      const deserialize = log.deserialize;
      const entries: UnansweredEntry[] = [];
      for (const row of all.all(start, end) as unknown as Row[]) {
        const stored = deserialize ? await deserialize<unknown>(row.value) : undefined;
        const entry = UnansweredEntrySchema.safeParse(stored?.value);
        if (entry.success) entries.push(entry.data);
      }
      return entries;
    },
  };
}

export interface SqliteBackendOptions {
  file: string;
  prefix: string;
  log: LogLimits;
  minFreeBytes?: number | undefined;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function sqliteBackend(options: SqliteBackendOptions): Backend {
  const { file, prefix } = options;
  const db = openDatabase(file);
  const keyv = new NodeSqliteKeyv(db, `sqlite://${file}`);
  const log = sqliteLog(db, file, prefix, options.log);
  const minFree = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
  const sweepExpired = db.prepare(
    `DELETE FROM ${TABLE} WHERE key >= ? AND key < ? AND json_extract(value, '$.expires') < ?`,
  );
  const sweep = () => {
    const now = Date.now();
    for (const kind of EXPIRING) {
      const start = `${prefix}:${kind}`;
      sweepExpired.run(start, after(start), now);
    }
    log.trim();
  };
  return {
    kind: 'sqlite',
    location: file,
    keyv,
    log,
    counter: memoryCounter(),
    ready: async () => undefined,
    async check() {
      const space = statfsSync(dirname(file));
      const free = space.bavail * space.bsize;
      if (free < minFree)
        return `only ${mb(free)} free where the state file lives (${dirname(file)}, at least ${mb(minFree)} needed) — free some space on that disk`;
      if (!db.isOpen) return `the state file ${file} is closed`;
      return undefined;
    },
    explain(error) {
      if (isReadOnly(error)) return `the state file ${file} is read-only (${firstLine(error)}) — ${MAKE_WRITABLE}`;
      if ((sqliteCode(error) & 0xff) === SQLITE_FULL)
        return `the disk of the state file ${file} is full (${firstLine(error)}) — free some space on that disk`;
      return `the state file ${file} cannot be written or read (${firstLine(error)})`;
    },
    sweep: async () => sweep(),
    async close() {
      if (!db.isOpen) return;
      // The file is left without what has expired, for the next start and for backups.
      try {
        sweep();
      } finally {
        db.close();
      }
    },
  };
}
