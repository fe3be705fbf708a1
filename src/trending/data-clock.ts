import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { addDays } from '../domain/periods.ts';
import { latestListingDate } from '../papers/paper.repository.ts';
import { readDemoDataUntil } from '../settings/demo-data.ts';

/** The clock trending reads, and the last day of data when it is held there. */
export interface DataClock {
  clock: Clock;
  /** The demo's last day when trending windows end there (YYYY-MM-DD); null: they end now. */
  dataUntil: string | null;
}

/**
 * Trending windows end now, except on a store that holds only the bundled demo: its activity
 * ended on a fixed day while the clock moves on, so its windows end with that day and pages
 * say so. Once newer papers arrive (an ingest), windows end now again. Nothing is invented:
 * the same recorded signals are read, only the window's end moves.
 */
export async function dataClock(db: Db, clock: Clock): Promise<DataClock> {
  const until = await readDemoDataUntil(db);
  if (!until) return { clock, dataUntil: null };
  // The last instant of the last day, so the 24-hour window still holds that day's list.
  const end = new Date(Date.parse(`${addDays(until, 1)}T00:00:00.000Z`) - 1);
  if (clock.now() <= end) return { clock, dataUntil: null };
  const latest = await latestListingDate(db.kysely);
  if (latest !== null && latest > until) return { clock, dataUntil: null };
  return { clock: { now: () => new Date(end) }, dataUntil: until };
}
