import type { Runtime } from '../runtime.ts';
import type { Job } from './scheduler.ts';
import { trendingJobs } from './trending-jobs.ts';

/** The jobs `folio serve` runs, built from the runtime. */
export function buildJobs(runtime: Runtime): Job[] {
  const jobs: Job[] = [];
  jobs.push(...trendingJobs(runtime));
  return jobs;
}
