import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Schema } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

/** An open store: the query builder and which SQL dialect it speaks. */
export interface Db {
  kysely: Kysely<Schema>;
  dialect: DialectName;
  /** Where the store lives, for messages (never includes a password). */
  label: string;
  close(): Promise<void>;
}

/** Opens the store named by the configuration; creates the SQLite file and folder if needed. */
export function createDb(database: Config['database'], options: { poolSize?: number } = {}): Db {
  if (database.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: database.url, max: options.poolSize ?? 10 });
    // A dropped connection must not take the process down; the next query reconnects.
    pool.on('error', () => undefined);
    const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    return {
      kysely,
      dialect: 'postgres',
      label: redactUrl(database.url),
      close: () => kysely.destroy(),
    };
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
  const sqlite = new SQLite(database.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const kysely = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, dialect: 'sqlite', label: database.file, close: () => kysely.destroy() };
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
