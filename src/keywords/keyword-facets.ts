import type { Db } from '../db/database.ts';
import { keywordsOfPapers } from './keyword.repository.ts';

/** A keyword shared by several papers of a result, with how many of them carry it. */
export interface KeywordFacet {
  keyword: string;
  count: number;
}

/**
 * The keywords most papers among `ids` share (at least two of them), most shared first: the
 * facets a search offers to narrow its results by.
 */
export async function keywordFacets(
  db: Db,
  ids: readonly string[],
  limit = 12,
): Promise<KeywordFacet[]> {
  const byPaper = await keywordsOfPapers(db, ids);
  const counts = new Map<string, { keyword: string; count: number }>();
  for (const keywords of byPaper.values())
    for (const keyword of new Set(keywords.map((k) => k.toLowerCase()))) {
      const entry = counts.get(keyword) ?? {
        keyword: keywords.find((k) => k.toLowerCase() === keyword)!,
        count: 0,
      };
      entry.count++;
      counts.set(keyword, entry);
    }
  return [...counts.values()]
    .filter((f) => f.count >= 2)
    .sort((a, b) => b.count - a.count || a.keyword.localeCompare(b.keyword))
    .slice(0, limit);
}
