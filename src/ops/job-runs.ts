import type { Db } from '../db/database.ts';
import { withJobLock } from './job-lock.ts';
import { claimTick, finishTick, pruneTicks } from './tick-claims.ts';

/**
 * Who runs a scheduled job, shared by every instance and process over one store: the job
 * locks (one run of a job at a time) and the claimed ticks (each tick runs once).
 */
export interface JobRuns {
  /** Runs `fn` only if no other instance or process runs the job; false when it was skipped. */
  withLock(name: string, fn: () => Promise<void>): Promise<boolean>;
  /** Claims one tick of a job for this instance; false when another instance claimed it first. */
  claimTick(job: string, tick: string, instance: string, now: Date): Promise<boolean>;
  /** Records how a claimed tick ended. */
  finishTick(
    job: string,
    tick: string,
    outcome: 'ok' | 'failed' | 'skipped',
    now: Date,
  ): Promise<void>;
  /** Drops claims older than a month. */
  pruneTicks(now: Date): Promise<void>;
}

/** Job locks and tick claims over the store. */
export function createJobRuns(db: Db): JobRuns {
  return {
    withLock: (name, fn) => withJobLock(db, name, fn),
    claimTick: (job, tick, instance, now) => claimTick(db, job, tick, instance, now),
    finishTick: (job, tick, outcome, now) => finishTick(db, job, tick, outcome, now),
    pruneTicks: (now) => pruneTicks(db, now),
  };
}
