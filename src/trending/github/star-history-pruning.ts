import type { Db } from '../../db/database.ts';
import type { Clock } from '../../domain/clock.ts';
import { WINDOW_HOURS } from '../../domain/trending-score.ts';
import { readSetting, writeSetting } from '../score.repository.ts';
import { oldestSnapshotBefore, thinSnapshotsToDaily } from './star-history.repository.ts';

const DAY = 86_400_000;
/**
 * Snapshots younger than this are kept as taken: star velocity reads them at full resolution
 * in every trending window (the longest is 30 days), and a few days' margin keeps the whole
 * 30-day stars chart of a paper page and any clock skew clear of the thinning.
 */
export const FULL_STAR_HISTORY_DAYS = WINDOW_HOURS['30d'] / 24 + 5;
// Everything before this instant is already thinned, so each run only looks at new days.
const THINNED_BEFORE = 'trending.stars_thinned_before';
// One transaction per week of history keeps the first pass over a large table short.
const SLICE_DAYS = 7;

export interface StarHistoryPruneResult {
  /** Snapshots removed. */
  removed: number;
  /** Snapshots taken before this instant now number at most one per repository and day. */
  thinnedBefore: string;
}

/**
 * Keeps the star history from growing without end: snapshots older than
 * FULL_STAR_HISTORY_DAYS are thinned to the last one per repository and day, which is all a
 * day-by-day chart reads and outside every trending window. Cheap to run often: only days that
 * aged past the limit since the last run are read.
 */
export async function pruneStarHistory(db: Db, clock: Clock): Promise<StarHistoryPruneResult> {
  const today = Math.floor(clock.now().getTime() / DAY) * DAY;
  const to = iso(today - FULL_STAR_HISTORY_DAYS * DAY);
  const done = await readSetting(db.kysely, THINNED_BEFORE);
  let from = done ?? (await oldestSnapshotBefore(db.kysely, to));
  let removed = 0;
  if (from === null) {
    await writeSetting(db.kysely, THINNED_BEFORE, to);
    return { removed, thinnedBefore: to };
  }
  // Day-aligned slices, so a day's snapshots are always thinned together.
  from = iso(Math.floor(Date.parse(from) / DAY) * DAY);
  while (from < to) {
    const next = iso(Math.min(Date.parse(from) + SLICE_DAYS * DAY, Date.parse(to)));
    const sliceFrom = from;
    removed += await db.kysely.transaction().execute(async (trx) => {
      const count = await thinSnapshotsToDaily(trx, sliceFrom, next);
      await writeSetting(trx, THINNED_BEFORE, next);
      return count;
    });
    from = next;
  }
  return { removed, thinnedBefore: done !== null && done > to ? done : to };
}

const iso = (ms: number) => new Date(ms).toISOString();
