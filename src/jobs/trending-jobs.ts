import type { Runtime } from '../services.ts';
import { syncGithubStars } from '../trending/github/github-sync.service.ts';
import { pruneStarHistory } from '../trending/github/star-history-pruning.ts';
import type { Job } from './scheduler.ts';

/**
 * Trending's scheduled work: the score recompute, and (online) the GitHub star sync, which also
 * thins star history older than the trending windows need.
 */
export function trendingJobs(runtime: Runtime): Job[] {
  const { config, db, clock, logger } = runtime;
  const jobs: Job[] = [
    {
      name: 'trending-recompute',
      schedule: config.trending.schedule,
      run: async () => {
        const result = await runtime.trending.recompute();
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
        // The snapshots just taken age out of full resolution a day at a time.
        const pruned = await pruneStarHistory(db, clock);
        logger.debug({ ...pruned }, 'star history thinned');
      },
    });
  return jobs;
}
