import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { paperActivity, starSparklines } from './activity.service.ts';
import { dataClock } from './data-clock.ts';
import {
  curateTrendingExclusion,
  excludeFromTrending,
  includeInTrending,
} from './exclusion.service.ts';
import { recomputeTrending } from './recompute.service.ts';
import type { TrendingConfig } from './trending.config.ts';
import {
  countTrending,
  listTrending,
  trendingScoreOf,
  type TrendingOptions,
} from './trending.service.ts';
import { recordView } from './views.ts';

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;
type DropTwo<T extends unknown[]> = DropFirst<DropFirst<T>>;

/** Trending with the store, the clock and its settings bound: the ranking, its signals, curation. */
export function createTrendingService(deps: { db: Db; clock: Clock; settings: TrendingConfig }) {
  const { db, clock, settings } = deps;
  return {
    /** The trending list (stored scores; the window's most upvoted before the first recompute). */
    list: (options: TrendingOptions) => listTrending(db, clock, options),
    /** How many papers the list holds under these filters. */
    count: (options: Omit<TrendingOptions, 'limit' | 'offset'>) =>
      countTrending(db, clock, options),
    /** One paper's score and explanation in each window it trends in. */
    scoreOf: (paperId: string) => trendingScoreOf(db, clock, paperId),
    /** Where trending windows end: now, or the demo data's last day. */
    dataClock: () => dataClock(db, clock),
    /**
     * A paper's last 30 days of stars and upvotes, for its chart; its days end where trending's
     * windows do (the demo's last day while only the demo is here).
     */
    activity: async (...args: DropTwo<Parameters<typeof paperActivity>>) =>
      paperActivity(db, (await dataClock(db, clock)).clock, ...args),
    /** Each repository's recent star counts, for the trending cards' sparklines. */
    starSparklines: (...args: DropFirst<Parameters<typeof starSparklines>>) =>
      starSparklines(db, ...args),
    /** Counts a page view (bots are not counted). */
    recordView: (...args: DropFirst<Parameters<typeof recordView>>) => recordView(db, ...args),
    /** A curator keeps a paper off the lists, or lets it back. */
    curateExclusion: (...args: DropTwo<Parameters<typeof curateTrendingExclusion>>) =>
      curateTrendingExclusion(db, clock, ...args),
    exclude: (...args: DropTwo<Parameters<typeof excludeFromTrending>>) =>
      excludeFromTrending(db, clock, ...args),
    include: (paperId: string) => includeInTrending(db, paperId),
    /** Brings stored scores up to date (`full`: every paper, not only those with new signals). */
    recompute: (options: { full?: boolean } = {}) =>
      recomputeTrending(db, clock, settings, options),
  };
}

export type TrendingService = ReturnType<typeof createTrendingService>;
