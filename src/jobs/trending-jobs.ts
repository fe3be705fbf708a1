import type { AppServices } from '../services.ts';
import type { Job } from './scheduler.ts';

/**
 * Trending's scheduled work: the score recompute, and (online) the GitHub star sync, which also
 * thins star history older than the trending windows need.
 */
export function trendingJobs(runtime: AppServices): Job[] {
  const { config, logger } = runtime;
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
        await runtime.githubStars.sync();
        // The snapshots just taken age out of full resolution a day at a time.
        const pruned = await runtime.githubStars.prune();
        logger.debug({ ...pruned }, 'star history thinned');
      },
    });
  return jobs;
}
