import { Cron } from 'croner';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { withJobLock } from './job-lock.ts';

/** A scheduled job: a cron expression (UTC) and what to run. */
export interface Job {
  name: string;
  schedule: string;
  run(): Promise<void>;
}

/**
 * Starts every job on its schedule. A failing run is logged and the job runs again at its next
 * time; it never stops the server. Returns a function that stops all of them.
 */
export function startScheduler(db: Db, logger: Logger, jobs: readonly Job[]): () => void {
  const crons = jobs.map(
    (job) =>
      new Cron(job.schedule, { timezone: 'UTC', protect: true, name: job.name }, async () => {
        const started = Date.now();
        try {
          const ran = await withJobLock(db, job.name, job.run);
          if (ran) logger.info({ job: job.name, ms: Date.now() - started }, 'job finished');
        } catch (error) {
          logger.error(
            { job: job.name, err: error },
            'job failed; it will run again at its next time',
          );
        }
      }),
  );
  return () => {
    for (const cron of crons) cron.stop();
  };
}
