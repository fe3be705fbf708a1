import { z } from 'zod';

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//i, 'a postgres:// URL')
  .optional();

/** Store settings beyond its address, merged into the one environment schema in config.ts. */
export const databaseEnv = {
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

/** The parsed store variables as configuration. */
export function databaseTuning(e: DatabaseEnv): DatabaseTuning {
  return Object.freeze({
    readUrl: e.FOLIO_DATABASE_READ_URL,
    waitSeconds: e.FOLIO_DATABASE_WAIT_SECONDS,
    lockWaitMs: e.FOLIO_SQLITE_LOCK_WAIT_MS,
    minFreeBytes: e.FOLIO_MIN_FREE_DISK_MB * 1024 * 1024,
  });
}
