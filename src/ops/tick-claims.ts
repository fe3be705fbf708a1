import { Cron } from 'croner';
import type { Db } from '../db/database.ts';

/**
 * The label of a scheduled tick: the latest time the schedule names at or before `firedAt`
 * (UTC), so instances whose timers fire late (a busy event loop) still agree on the tick.
 */
export function tickLabel(schedule: string, firedAt: Date): string {
  const pattern = new Cron(schedule, { timezone: 'UTC', paused: true });
  // Timers fire at most this late; a schedule with nothing in the window labels by the minute.
  let next = pattern.nextRun(new Date(firedAt.getTime() - LOOKBACK_MS));
  let latest: Date | null = null;
  while (next && next.getTime() <= firedAt.getTime()) {
    latest = next;
    next = pattern.nextRun(next);
  }
  pattern.stop();
  return (latest ?? new Date(Math.floor(firedAt.getTime() / 60_000) * 60_000)).toISOString();
}

const LOOKBACK_MS = 10 * 60_000;

/**
 * Claims one tick of a job for this instance. The (job, tick) primary key lets exactly one
 * instance or process win, on either dialect; the others get false and skip the tick.
 */
export async function claimTick(
  db: Db,
  job: string,
  tick: string,
  instance: string,
  now: Date,
): Promise<boolean> {
  const result = await db.kysely
    .insertInto('job_ticks')
    .values({ job, tick, instance, claimed_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['job', 'tick']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Records how a claimed tick ended ('ok', 'failed' or 'skipped' when a run was still going). */
export async function finishTick(
  db: Db,
  job: string,
  tick: string,
  outcome: 'ok' | 'failed' | 'skipped',
  now: Date,
): Promise<void> {
  await db.kysely
    .updateTable('job_ticks')
    .set({ finished_at: now.toISOString(), outcome })
    .where('job', '=', job)
    .where('tick', '=', tick)
    .execute();
}

/** Claims older than this are deleted as new ones are made (they only serve to count runs). */
const KEEP_TICKS_MS = 30 * 86_400_000;

/** Drops claims older than a month. */
export async function pruneTicks(db: Db, now: Date): Promise<void> {
  await db.kysely
    .deleteFrom('job_ticks')
    .where('claimed_at', '<', new Date(now.getTime() - KEEP_TICKS_MS).toISOString())
    .where('tick', '!=', RUNNING)
    .execute();
}

/** The tick label of the row that marks a job as running on SQLite (a cross-process lock). */
export const RUNNING = 'running';
