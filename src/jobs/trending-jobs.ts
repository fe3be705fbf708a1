import type { Runtime } from '../runtime.ts';
import { syncGithubStars } from '../trending/github/github-sync.service.ts';
import { recomputeTrending } from '../trending/recompute.service.ts';
import type { Job } from './scheduler.ts';

/** Trending's scheduled work: the score recompute, and (online) the GitHub star sync. */
export function trendingJobs(runtime: Runtime): Job[] {
  const { config, db, clock, logger } = runtime;
  const jobs: Job[] = [
    {
      name: 'trending-recompute',
      schedule: config.trending.schedule,
      run: async () => {
        const result = await recomputeTrending(db, clock, config.trending);
        logger.debug({ ...result }, 'trending scores recomputed');
      },
    },
  ];
  if (!config.offline)
    jobs.push({
      name: 'github-stars',
      schedule: config.trending.github.schedule,
      run: async () => {
        await syncGithubStars(db, clock, logger, {
          apiUrl: config.ingest.githubApiUrl,
          token: config.ingest.githubToken,
          batch: config.trending.github.batch,
        });
      },
    });
  return jobs;
}
