import fs from 'node:fs';
import type { Db } from './database.ts';
import { faultOf, type StoreFault } from './store-faults.ts';

/** Why the store is not ready, in the words /readyz answers with. */
export type StoreProblem = 'database' | 'busy' | 'read-only' | 'disk-full' | 'corrupt' | 'io';

export type StoreHealth = { ok: true } | { ok: false; reason: StoreProblem; detail: string };

/** A fault a query met this recently still makes the store "not ready" (damage does not heal). */
const REMEMBER_FAULT_MS = 60_000;

const DETAILS: Record<StoreProblem, string> = {
  database: 'the database cannot be reached',
  busy: 'the database is locked or out of connections',
  'read-only': 'the database accepts no writes',
  'disk-full': 'no space left to write',
  corrupt: 'the database reported damaged data',
  io: 'the database files cannot be read or written',
};

const problemOf = (fault: StoreFault): StoreProblem =>
  fault === 'connection' ? 'database' : fault;

/**
 * Checks that the store answers, can be read and written, has room, and has reported no damage:
 * a read of the papers table, a one-row write of this instance's probe, the free space of the
 * data folder, and the last fault any query met.
 */
export async function checkStore(
  db: Db,
  options: { instance: string; dataDir: string; minFreeBytes: number; now: () => Date },
): Promise<StoreHealth> {
  const fail = (reason: StoreProblem, detail = DETAILS[reason]): StoreHealth => ({
    ok: false,
    reason,
    detail,
  });
  try {
    await db.kysely.selectFrom('papers').select('id').limit(1).execute();
    await db.kysely
      .insertInto('store_probe')
      .values({ instance: options.instance, checked_at: options.now().toISOString() })
      .onConflict((oc) =>
        oc.column('instance').doUpdateSet({ checked_at: options.now().toISOString() }),
      )
      .execute();
  } catch (error) {
    const fault = faultOf(error);
    if (fault) return fail(problemOf(fault));
    throw error;
  }
  const free = freeBytes(options.dataDir);
  if (free !== null && free < options.minFreeBytes)
    return fail('disk-full', `${Math.floor(free / 1048576)} MB free in the data folder`);
  const seen = db.lastFault();
  if (
    seen &&
    (seen.fault === 'corrupt' || seen.fault === 'io') &&
    Date.now() - seen.at < REMEMBER_FAULT_MS
  )
    return fail(problemOf(seen.fault));
  return { ok: true };
}

function freeBytes(dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}
