/** Semantic queries over a model's index: nearest papers to a query vector, with filters. */
import type { Db } from '../../db/database.ts';
import { paperFromRow } from '../../papers/paper.mapper.ts';
import type { SearchFilters } from '../keyword/keyword.types.ts';
import type { VectorIndex } from '../vector/vector-index.ts';
import { papersByPids, pidsPassing } from './embedding.repository.ts';
import type { ScoredPaper } from './semantic-engine.ts';

/** Nearest neighbours looked through at most for a filtered query. */
const MAX_FILTER_DEPTH = 10_000;

/** No filter at all. */
export const NO_FILTERS: SearchFilters = { categories: [], hasCode: false };

/**
 * The k papers nearest to `query` that pass the filters and are closer than `floor`, nearest
 * first. Filters apply to the neighbours found, so the search looks deeper until enough pass
 * (or the depth or the floor runs out): a narrow filter still gets its nearest papers when they
 * are within reach. Neighbours at or below the floor are dropped before any row is read.
 */
export async function nearestPapers(
  db: Db,
  index: VectorIndex,
  query: Float32Array,
  k: number,
  filters: SearchFilters,
  options: { exclude?: ReadonlySet<number>; floor?: number } = {},
): Promise<ScoredPaper[]> {
  const { exclude, floor = -Infinity } = options;
  const above = (near: { key: number; score: number }[]) => near.filter((f) => f.score > floor);
  if (!(filters.from || filters.to || filters.categories.length || filters.hasCode))
    return load(db, above(index.search(query, k, exclude)), k);
  let found: { key: number; score: number }[] = [];
  for (let depth = k * 5; ; depth *= 8) {
    const near = index.search(query, Math.min(depth, MAX_FILTER_DEPTH), exclude);
    const close = above(near);
    const passing = await pidsPassing(
      db,
      close.map((f) => f.key),
      filters,
    );
    found = close.filter((f) => passing.has(f.key));
    // Deeper neighbours are no closer: once some fall below the floor, looking further is moot.
    const exhausted = near.length < depth || close.length < near.length;
    if (found.length >= k || depth >= MAX_FILTER_DEPTH || exhausted) break;
  }
  return load(db, found, k);
}

/** The first k found papers, in order, with their scores. */
async function load(
  db: Db,
  found: { key: number; score: number }[],
  k: number,
): Promise<ScoredPaper[]> {
  const top = found.slice(0, k);
  const rows = await papersByPids(
    db,
    top.map((f) => f.key),
  );
  const score = new Map(top.map((f) => [f.key, f.score]));
  // Rows come back in no particular order: keep the index's (nearest first, ties by pid).
  const byPid = new Map(rows.map((row) => [Number(row.pid), row]));
  const out: ScoredPaper[] = [];
  for (const f of top) {
    const row = byPid.get(f.key);
    if (row) out.push({ paper: paperFromRow(row), pid: f.key, score: score.get(f.key) ?? 0 });
  }
  return out;
}
