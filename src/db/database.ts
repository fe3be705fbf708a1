import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Dialect, type Driver } from 'kysely';
import type pgModule from 'pg';
import type { Config } from '../config.ts';
import { faultTolerantDriver, type FaultPolicy } from './fault-tolerant-driver.ts';
import { readRoutingDriver } from './read-routing.ts';
import type { Schema } from './schema.ts';
import type { StoreFault } from './store-faults.ts';

export type DialectName = 'sqlite' | 'postgres';

/** An open store: the query builder and which SQL dialect it speaks. */
export interface Db {
  kysely: Kysely<Schema>;
  dialect: DialectName;
  /** Where the store lives, for messages (never includes a password). */
  label: string;
  /** The last store fault a query met (connection lost, read-only, full, corrupt), if any. */
  lastFault(): SeenFault | null;
  close(): Promise<void>;
}

export interface SeenFault {
  fault: StoreFault;
  message: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface DbOptions {
  poolSize?: number;
  /** How long a SQLite statement waits (asynchronously) for another process's write lock. */
  lockWaitMs?: number;
  /** Told about every connection-level error (a dropped or terminated connection). */
  onConnectionError?: (error: Error) => void;
  /**
   * A PostgreSQL read replica: plain reads inside `readsMayLag` (see read-routing.ts) go there,
   * everything else to the primary.
   */
  readUrl?: string | undefined;
}

/** Default wait for another process's SQLite write lock before answering 503. */
export const DEFAULT_LOCK_WAIT_MS = 5000;

/** Opens the store named by the configuration; creates the SQLite file and folder if needed. */
export function createDb(database: Config['database'], options: DbOptions = {}): Db {
  let seen: SeenFault | null = null;
  const onFault = (fault: StoreFault, error: unknown) => {
    seen = {
      fault,
      message: error instanceof Error ? error.message : String(error),
      at: Date.now(),
    };
  };
  const lastFault = () => seen;
  if (database.kind === 'postgres') {
    // Loaded only for a PostgreSQL store: a one-off command on SQLite skips its module graph.
    const pg = createRequire(import.meta.url)('pg') as typeof pgModule;
    const pool = new pg.Pool({
      connectionString: database.url,
      max: options.poolSize ?? 10,
      // While the server is away, a request fails within this rather than hanging.
      connectionTimeoutMillis: 5000,
    });
    const lost = (error: Error) => options.onConnectionError?.(error);
    // A dropped connection must not take the process down, whether the client is idle in the
    // pool (pool 'error') or checked out by a request or a job (the client's own 'error'); the
    // query in flight fails, the pool discards the client and the next query reconnects.
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    const policy = { lockWaitMs: 0, immediateTransactions: false, onFault };
    let dialect = tolerant(new PostgresDialect({ pool }), policy);
    if (options.readUrl) {
      const replicaPool = new pg.Pool({
        connectionString: options.readUrl,
        max: options.poolSize ?? 10,
        connectionTimeoutMillis: 5000,
      });
      replicaPool.on('error', lost);
      replicaPool.on('connect', (client) => client.on('error', lost));
      dialect = routed(dialect, tolerant(new PostgresDialect({ pool: replicaPool }), policy));
    }
    const kysely = new Kysely<Schema>({ dialect });
    return {
      kysely,
      dialect: 'postgres',
      label:
        redactUrl(database.url) +
        (options.readUrl ? ` (reads: ${redactUrl(options.readUrl)})` : ''),
      lastFault,
      close: () => kysely.destroy(),
    };
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SQLite(database.file);
  // Opening may wait for another process; after that, never wait inside the synchronous driver (it would stall every request): a locked file
  // fails at once and the fault-tolerant driver retries between event-loop turns.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('busy_timeout = 0');
  const kysely = new Kysely<Schema>({
    dialect: tolerant(new SqliteDialect({ database: sqlite }), {
      lockWaitMs: options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
      // Taking the write lock at BEGIN makes a lock wait safe to retry (never mid-transaction).
      immediateTransactions: true,
      onFault,
    }),
  });
  return {
    kysely,
    dialect: 'sqlite',
    label: database.file,
    lastFault,
    close: () => kysely.destroy(),
  };
}

/** The same dialect with its driver wrapped by the fault policy. */
function tolerant(dialect: Dialect, policy: FaultPolicy): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver: (): Driver => faultTolerantDriver(dialect.createDriver(), policy),
  };
}

/** The primary's dialect with a driver that sends lag-tolerant plain reads to the replica's. */
function routed(primary: Dialect, replica: Dialect): Dialect {
  return {
    createAdapter: () => primary.createAdapter(),
    createQueryCompiler: () => primary.createQueryCompiler(),
    createIntrospector: (db) => primary.createIntrospector(db),
    createDriver: (): Driver => readRoutingDriver(primary.createDriver(), replica.createDriver()),
  };
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
