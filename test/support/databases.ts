import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db, type DialectName } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { reportMissing } from './ci.ts';

/** The PostgreSQL server tests may create databases on; unset means PostgreSQL tests skip. */
export const TEST_PG_URL = process.env.FOLIO_TEST_PG_URL;

/** Dialects the store suites loop over; PostgreSQL only when FOLIO_TEST_PG_URL is set. */
export const dialects: DialectName[] = TEST_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

if (!TEST_PG_URL)
  reportMissing(
    'FOLIO_TEST_PG_WARNED',
    'PostgreSQL for the store tests on both dialects: FOLIO_TEST_PG_URL is not set (e.g. postgres:///postgres?host=/var/run/postgresql).',
  );

export interface TestDb {
  db: Db;
  /** The configuration value that opens this same store (for servers or CLIs under test). */
  url: string;
  cleanup(): Promise<void>;
}

/**
 * A fresh store: a new SQLite file in a temporary folder, or a new PostgreSQL database; migrated
 * to the latest schema unless `migrate` is false (an empty store, as a new installation has).
 */
export async function openTestDb(
  dialect: DialectName,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-test-'));
    const file = path.join(dir, 'folio.db');
    const db = createDb({ kind: 'sqlite', file });
    if (migrate) await migrateToLatest(db);
    return {
      db,
      url: file,
      cleanup: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!TEST_PG_URL) throw new Error('FOLIO_TEST_PG_URL is not set');
  const name = `folio_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`create database ${name}`);
  const url = databaseUrl(TEST_PG_URL, name);
  const db = createDb({ kind: 'postgres', url }, { poolSize: 4 });
  if (migrate) await migrateToLatest(db);
  return {
    db,
    url,
    cleanup: async () => {
      await db.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The same server URL pointing at another database, keeping query options such as host=. */
function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}
