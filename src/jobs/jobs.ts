import { DIGEST_JOB } from '../digest/digest-run.ts';
import type { AppServices } from '../services.ts';
import { listingIngestJob } from './ingest-job.ts';
import type { Job } from './scheduler.ts';
import { trendingJobs } from './trending-jobs.ts';

/** The background job writing generated summaries (scheduled only when configured). */
export const SUMMARIES_JOB = 'summaries';

/** The jobs `folio serve` runs, built from the services. */
export function buildJobs(runtime: AppServices): Job[] {
  const jobs: Job[] = [];
  // Offline means no scheduled network fetch at all.
  if (!runtime.config.offline) jobs.push(listingIngestJob(runtime));
  jobs.push(...trendingJobs(runtime));
  // Queue the digests that fell due (each subscriber's local hour), then send the outbox.
  jobs.push({
    name: DIGEST_JOB,
    schedule: runtime.config.digest.schedule,
    run: async () => void (await runtime.digest.runRound()),
  });
  // Hourly: key phrases for papers stored since (statistics relearned from the whole store).
  jobs.push({
    name: 'keywords',
    schedule: '23 * * * *',
    run: async () => void (await runtime.keywords.refresh()),
  });
  // Off unless FOLIO_SUMMARY_URL is set (and, as a network fetch, not when offline): a batch of
  // the newest papers without one gets a generated summary every 10 minutes, in the background.
  if (runtime.summaries.enabled && !runtime.config.offline)
    jobs.push({
      name: SUMMARIES_JOB,
      schedule: '*/10 * * * *',
      run: async () => void (await runtime.summaries.summarizeMissing()),
    });
  return jobs;
}
