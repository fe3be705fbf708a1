import os from 'node:os';
import { Cron } from 'croner';
import type { Logger } from '../logger.ts';
import type { JobRuns } from '../ops/job-runs.ts';
import { tickLabel } from '../ops/tick-claims.ts';

/** A scheduled job: a cron expression (UTC) and what to run. */
export interface Job {
  name: string;
  schedule: string;
  run(): Promise<void>;
}

/** What became of one tick on this instance. */
export type TickOutcome = 'ok' | 'failed' | 'skipped' | 'claimed-elsewhere';

export interface SchedulerOptions {
  /** This instance's name in job_ticks (default host:pid). */
  instance?: string;
  /** Told about every tick this instance saw (for metrics). */
  onTick?: (job: string, outcome: TickOutcome, seconds: number) => void;
}

/**
 * Starts every job on its schedule. Each tick runs once across every instance and process
 * sharing the store: the first to claim the tick in job_ticks runs it, the others skip it; a run
 * still going at the next tick makes that tick a skip (the job lock). A failing run is logged and
 * the job runs again at its next time; it never stops the server. Returns a function that stops
 * all of them.
 */
export function startScheduler(
  runs: JobRuns,
  logger: Logger,
  jobs: readonly Job[],
  options: SchedulerOptions = {},
): () => void {
  const instance = options.instance ?? `${os.hostname()}:${process.pid}`;
  const crons = jobs.map(
    (job) =>
      new Cron(job.schedule, { timezone: 'UTC', protect: true }, async () => {
        await runTick(
          runs,
          logger,
          job,
          tickLabel(job.schedule, new Date()),
          instance,
          options.onTick,
        );
      }),
  );
  return () => {
    for (const cron of crons) cron.stop();
  };
}

/** Runs one tick of a job if this instance claims it; never throws. */
export async function runTick(
  runs: JobRuns,
  logger: Logger,
  job: Job,
  tick: string,
  instance: string,
  onTick?: SchedulerOptions['onTick'],
): Promise<TickOutcome> {
  const started = Date.now();
  let outcome: TickOutcome = 'failed';
  try {
    if (!(await runs.claimTick(job.name, tick, instance, new Date())))
      return (outcome = 'claimed-elsewhere');
    try {
      const ran = await runs.withLock(job.name, job.run);
      outcome = ran ? 'ok' : 'skipped';
      if (ran) logger.info({ job: job.name, tick, ms: Date.now() - started }, 'job finished');
      else logger.info({ job: job.name, tick }, 'job still running from an earlier tick; skipped');
    } catch (error) {
      logger.error(
        { job: job.name, tick, err: error },
        'job failed; it will run again at its next time',
      );
    }
    await runs.finishTick(
      job.name,
      tick,
      outcome === 'ok' ? 'ok' : outcome === 'skipped' ? 'skipped' : 'failed',
      new Date(),
    );
    if (Math.random() < 0.01) await runs.pruneTicks(new Date());
  } catch (error) {
    // The store is away: nobody can claim the tick; the job runs at its next time.
    logger.warn({ job: job.name, tick, err: error }, 'could not claim a scheduled run');
  } finally {
    onTick?.(job.name, outcome, (Date.now() - started) / 1000);
  }
  return outcome;
}
