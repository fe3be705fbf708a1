import { DIGEST_JOB, runDigestRound } from '../digest/digest-run.ts';
import { refreshKeywords } from '../keywords/keyword.service.ts';
import type { Runtime } from '../services.ts';
import { listingIngestJob } from './ingest-job.ts';
import type { Job } from './scheduler.ts';
import { trendingJobs } from './trending-jobs.ts';

/** The jobs `folio serve` runs, built from the runtime. */
export function buildJobs(runtime: Runtime): Job[] {
  const jobs: Job[] = [];
  // Offline means no scheduled network fetch at all.
  if (!runtime.config.offline) jobs.push(listingIngestJob(runtime));
  jobs.push(...trendingJobs(runtime));
  // Queue the digests that fell due (each subscriber's local hour), then send the outbox.
  jobs.push({
    name: DIGEST_JOB,
    schedule: runtime.config.digest.schedule,
    run: async () => void (await runDigestRound(runtime)),
  });
  // Hourly: key phrases for papers stored since (statistics relearned from the whole store).
  jobs.push({
    name: 'keywords',
    schedule: '23 * * * *',
    run: async () => void (await refreshKeywords(runtime.db, runtime.logger)),
  });
  return jobs;
}
