import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import type { PaperRow } from '../papers/paper.mapper.ts';

type Executor = Db['kysely'];

/** Filters every trending read accepts; values are already validated by the service. */
export interface TrendingFilter {
  span: string;
  /** A category to match exactly among the paper's categories. */
  category?: string;
  hasCode?: boolean;
  /** Only papers first seen at or after this instant (ISO-8601). */
  bornSince?: string;
  limit: number;
  offset: number;
}

export interface StoredTrendingRow extends PaperRow {
  rank_key: number | string;
  decay_rate: number | string;
  born_at: string;
  repo_full_name: string | null;
  repo_stars: number | string | null;
  repo_status: string | null;
}

/** Stored scores of a window, best first, excluded papers left out; reads only the top rows. */
export async function readStoredTrending(
  db: Executor,
  f: TrendingFilter,
): Promise<StoredTrendingRow[]> {
  const { rows } = await sql<StoredTrendingRow>`
    select p.*, ts.rank_key, ts.decay_rate, ts.born_at, r.full_name as repo_full_name, r.stars as repo_stars, r.status as repo_status
    from trending_scores ts
    join papers p on p.id = ts.paper_id
    left join repos r on r.code_repo = p.code_repo
    where ts.span = ${f.span}
      and not exists (select 1 from trending_exclusions x where x.paper_id = ts.paper_id)
      ${paperFilters(f, sql`ts.born_at`)}
    order by ts.rank_key desc, ts.paper_id asc
    limit ${f.limit} offset ${f.offset}
  `.execute(db);
  return rows;
}

/** How many papers the stored window holds with these filters (excluded papers left out). */
export async function countStoredTrending(db: Executor, f: TrendingFilter): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n
    from trending_scores ts
    join papers p on p.id = ts.paper_id
    where ts.span = ${f.span}
      and not exists (select 1 from trending_exclusions x where x.paper_id = ts.paper_id)
      ${paperFilters(f, sql`ts.born_at`)}
  `.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Whether the window has any stored score (false until the first recompute). */
export async function hasStoredScores(db: Executor, span: string): Promise<boolean> {
  const row = await db
    .selectFrom('trending_scores')
    .select('paper_id')
    .where('span', '=', span)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface UpvotedRow extends PaperRow {
  upvotes: number | string;
  comments: number | string;
  repo_full_name: string | null;
  repo_stars: number | string | null;
  repo_status: string | null;
}

/** Before the first recompute: the most upvoted papers of the window, from votes alone. */
export async function readMostUpvoted(
  db: Executor,
  f: TrendingFilter & { since: string },
): Promise<UpvotedRow[]> {
  const born = sql`coalesce(p.published_at, p.listing_date, p.created_at)`;
  const { rows } = await sql<UpvotedRow>`
    select p.*, v.n as upvotes, 0 as comments,
      r.full_name as repo_full_name, r.stars as repo_stars, r.status as repo_status
    from (
      select paper_id, count(*) as n from votes where created_at > ${f.since} group by paper_id
    ) v
    join papers p on p.id = v.paper_id
    left join repos r on r.code_repo = p.code_repo
    where not exists (select 1 from trending_exclusions x where x.paper_id = p.id)
      ${paperFilters(f, born)}
    order by v.n desc, p.id asc
    limit ${f.limit} offset ${f.offset}
  `.execute(db);
  return rows;
}

/** How many papers the window's votes alone would list (before the first recompute). */
export async function countMostUpvoted(
  db: Executor,
  f: TrendingFilter & { since: string },
): Promise<number> {
  const born = sql`coalesce(p.published_at, p.listing_date, p.created_at)`;
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n
    from (select distinct paper_id from votes where created_at > ${f.since}) v
    join papers p on p.id = v.paper_id
    where not exists (select 1 from trending_exclusions x where x.paper_id = p.id)
      ${paperFilters(f, born)}
  `.execute(db);
  return Number(rows[0]?.n ?? 0);
}

function paperFilters(f: TrendingFilter, bornColumn: RawBuilder<unknown>) {
  // Categories are stored as a JSON array; the service has checked the name has no wildcards.
  const category = f.category ? sql`and p.categories like ${`%"${f.category}"%`}` : sql``;
  const code = f.hasCode ? sql`and p.code_repo is not null` : sql``;
  const born = f.bornSince ? sql`and ${bornColumn} >= ${f.bornSince}` : sql``;
  return sql`${category} ${code} ${born}`;
}

export interface PaperScoreRow {
  span: string;
  rank_key: number | string;
  decay_rate: number | string;
  born_at: string;
}

/** One paper's stored rows, one per window it has signals in. */
export async function readPaperScores(db: Executor, paperId: string): Promise<PaperScoreRow[]> {
  return db
    .selectFrom('trending_scores')
    .select(['span', 'rank_key', 'decay_rate', 'born_at'])
    .where('paper_id', '=', paperId)
    .execute();
}

/**
 * The stored signal counts of these papers' rows, by window ("span"), paper and signal kind
 * (counts of zero are not stored).
 */
export async function readSignalCounts(
  db: Executor,
  paperIds: readonly string[],
  span?: string,
): Promise<Map<string, Map<string, Record<string, number>>>> {
  const out = new Map<string, Map<string, Record<string, number>>>();
  for (let i = 0; i < paperIds.length; i += 500) {
    let query = db
      .selectFrom('trending_signal_counts')
      .select(['span', 'paper_id', 'kind', 'count'])
      .where('paper_id', 'in', paperIds.slice(i, i + 500));
    if (span !== undefined) query = query.where('span', '=', span);
    for (const r of await query.execute()) {
      const bySpan = out.get(r.span) ?? new Map<string, Record<string, number>>();
      out.set(r.span, bySpan);
      const counts = bySpan.get(r.paper_id) ?? {};
      bySpan.set(r.paper_id, counts);
      counts[r.kind] = Number(r.count);
    }
  }
  return out;
}

/**
 * The stored rank keys of these papers in a window (a higher key ranks higher), for ordering
 * other lists by trending; papers without a score or taken off trending are absent.
 */
export async function trendingRankKeys(
  db: Executor,
  paperIds: string[],
  span: string,
): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  for (let i = 0; i < paperIds.length; i += 500) {
    const rows = await db
      .selectFrom('trending_scores as ts')
      .select(['ts.paper_id', 'ts.rank_key'])
      .where('ts.span', '=', span)
      .where('ts.paper_id', 'in', paperIds.slice(i, i + 500))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('trending_exclusions as x')
              .select('x.paper_id')
              .whereRef('x.paper_id', '=', 'ts.paper_id'),
          ),
        ),
      )
      .execute();
    for (const r of rows) keys.set(r.paper_id, Number(r.rank_key));
  }
  return keys;
}
