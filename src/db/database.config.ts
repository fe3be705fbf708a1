import path from 'node:path';
import { z } from 'zod';
import { expects } from '../settings/env-schemas.ts';

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//i, 'a postgres:// URL')
  .optional();

/** The store's address and tuning, merged into the one environment schema in config.ts. */
export const databaseEnv = {
  FOLIO_DATABASE_URL: expects(
    z
      .string()
      .min(1)
      .refine(
        (v) => !/^[a-z]+:\/\//i.test(v) || /^postgres(ql)?:\/\//i.test(v),
        'a SQLite file path or a postgres:// URL',
      )
      .optional(),
    'a SQLite file path or a postgres:// URL, e.g. ./data/folio.db or postgres://user@host/folio',
  ),
  // A streaming replica for reads that tolerate lag (lists, feeds, loading search indexes).
  FOLIO_DATABASE_READ_URL: postgresUrl,
  // How long start-up waits for an unreachable database before giving up (exit 1).
  FOLIO_DATABASE_WAIT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  // How long a SQLite write waits for another process's lock before answering 503.
  FOLIO_SQLITE_LOCK_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  // Below this much free space in the data folder, /readyz says the disk is full.
  FOLIO_MIN_FREE_DISK_MB: z.coerce.number().min(0).default(100),
};

/** How the store is reached beyond its main address. */
export interface DatabaseTuning {
  readUrl: string | undefined;
  waitSeconds: number;
  lockWaitMs: number;
  minFreeBytes: number;
}

type DatabaseEnv = z.output<z.ZodObject<typeof databaseEnv>>;

/** Where the store is: a SQLite file or a PostgreSQL URL. */
export type StoreAddress = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The parsed store variables as configuration; SQLite lives in the data folder by default. */
export function databaseConfig(e: DatabaseEnv, dataDir: string) {
  const url = e.FOLIO_DATABASE_URL;
  const database: StoreAddress =
    url && /^postgres(ql)?:\/\//i.test(url)
      ? { kind: 'postgres', url }
      : {
          kind: 'sqlite',
          file: url ? path.resolve(url.replace(/^sqlite:/, '')) : path.join(dataDir, 'folio.db'),
        };
  return { database, databaseTuning: databaseTuning(e) };
}

function databaseTuning(e: DatabaseEnv): DatabaseTuning {
  return Object.freeze({
    readUrl: e.FOLIO_DATABASE_READ_URL,
    waitSeconds: e.FOLIO_DATABASE_WAIT_SECONDS,
    lockWaitMs: e.FOLIO_SQLITE_LOCK_WAIT_MS,
    minFreeBytes: e.FOLIO_MIN_FREE_DISK_MB * 1024 * 1024,
  });
}
