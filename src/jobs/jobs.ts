import type { Runtime } from '../runtime.ts';
import { listingIngestJob } from './ingest-job.ts';
import type { Job } from './scheduler.ts';
import { trendingJobs } from './trending-jobs.ts';

/** The jobs `folio serve` runs, built from the runtime. */
export function buildJobs(runtime: Runtime): Job[] {
  const jobs: Job[] = [];
  // Offline means no scheduled network fetch at all.
  if (!runtime.config.offline) jobs.push(listingIngestJob(runtime));
  jobs.push(...trendingJobs(runtime));
  return jobs;
}
