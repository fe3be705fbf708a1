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
  /** The row's signal counts packed as `kind=count,…` (see `unpackCounts`), or null. */
  signal_counts: string | null;
  repo_full_name: string | null;
  repo_stars: number | string | null;
  repo_status: string | null;
}

// A stored row's counts in the same read: one short text per row rather than a second query
// (kinds are identifiers, so neither "=" nor "," occurs in them).
const packedCounts = sql<string | null>`(
  select string_agg(c.kind || '=' || cast(c.count as text), ',')
  from trending_signal_counts c where c.span = ts.span and c.paper_id = ts.paper_id)`;

/** A stored row's counts by signal kind, from `kind=count,…`. */
export function unpackCounts(packed: string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const part of packed ? packed.split(',') : []) {
    const [kind, count] = part.split('=');
    if (kind) counts[kind] = Number(count);
  }
  return counts;
}

/** Stored scores of a window, best first, excluded papers left out; reads only the top rows. */
export async function readStoredTrending(
  db: Executor,
  f: TrendingFilter,
): Promise<StoredTrendingRow[]> {
  const { rows } = await sql<StoredTrendingRow>`
    select p.*, ts.rank_key, ts.decay_rate, ts.born_at, ${packedCounts} as signal_counts,
      r.full_name as repo_full_name, r.stars as repo_stars, r.status as repo_status
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
  signal_counts: string | null;
}

/** One paper's stored rows, one per window it has signals in, with their counts packed. */
export async function readPaperScores(db: Executor, paperId: string): Promise<PaperScoreRow[]> {
  const { rows } = await sql<PaperScoreRow>`
    select ts.span, ts.rank_key, ts.decay_rate, ts.born_at, ${packedCounts} as signal_counts
    from trending_scores ts where ts.paper_id = ${paperId}`.execute(db);
  return rows;
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
