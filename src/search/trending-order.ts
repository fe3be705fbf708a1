import type { Db } from '../db/database.ts';
import type { Paper } from '../domain/paper.ts';
import { trendingRankKeys } from '../trending/trending.repository.ts';

/** The trending window search results are ordered by (the trending page's weekly list). */
export const SEARCH_TRENDING_WINDOW = '7d';

/** Matches looked at when ordering by trending: the most relevant this many. */
export const TRENDING_SORT_DEPTH = 200;

/**
 * Orders search results by trending: papers trending this week first (highest first), then the
 * others in the order they came (by relevance).
 */
export async function orderByTrending<T extends { paper: Paper }>(
  db: Db,
  ranked: T[],
): Promise<T[]> {
  const keys = await trendingRankKeys(
    db.kysely,
    ranked.map((r) => r.paper.id),
    SEARCH_TRENDING_WINDOW,
  );
  const trending = ranked
    .filter((r) => keys.has(r.paper.id))
    .sort((a, b) => keys.get(b.paper.id)! - keys.get(a.paper.id)!);
  return [...trending, ...ranked.filter((r) => !keys.has(r.paper.id))];
}
