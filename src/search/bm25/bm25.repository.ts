import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { PaperRow } from '../../papers/paper.mapper.ts';
import { PAPER_COLUMNS } from '../keyword/pg-keyword.ts';
import type { IndexRow } from './bm25-doc.ts';

const INDEX_COLUMNS = sql.raw(
  'p.pid, p.title, p.abstract, p.authors, p.categories, p.listing_date, p.published_at, p.code_repo, p.modified_at',
);

/** The next chunk of papers by pid, for building the index without holding the store in memory. */
export async function indexRowsAfter(db: Db, afterPid: number, limit: number): Promise<IndexRow[]> {
  const result = await sql<IndexRow>`select ${INDEX_COLUMNS} from papers p
    where p.pid > ${afterPid} order by p.pid limit ${limit}`.execute(db.kysely);
  return result.rows;
}

/** Keys of papers modified at or after `since`, past the (modified_at, pid) key, oldest first. */
export async function keysModifiedSince(
  db: Db,
  since: string,
  after: { modified: string; pid: number } | null,
  limit: number,
): Promise<{ pid: number; modified_at: string }[]> {
  const past = after
    ? sql`(p.modified_at > ${after.modified} or (p.modified_at = ${after.modified} and p.pid > ${after.pid}))`
    : sql`1 = 1`;
  // Reads the (modified_at, pid) index alone; rows are fetched only for what changed.
  const result = await sql<{ pid: number; modified_at: string }>`select p.pid, p.modified_at
    from papers p where p.modified_at >= ${since} and ${past}
    order by p.modified_at, p.pid limit ${limit}`.execute(db.kysely);
  return result.rows;
}

/** Index rows of the papers with these pids. */
export async function indexRowsByPid(db: Db, pids: number[]): Promise<IndexRow[]> {
  if (pids.length === 0) return [];
  const result = await sql<IndexRow>`select ${INDEX_COLUMNS} from papers p
    where p.pid in (${sql.join(pids)})`.execute(db.kysely);
  return result.rows;
}

/** Index rows of the papers with these arXiv ids. */
export async function indexRowsByIds(db: Db, ids: string[]): Promise<IndexRow[]> {
  if (ids.length === 0) return [];
  const result = await sql<IndexRow>`select ${INDEX_COLUMNS} from papers p
    where p.id in (${sql.join(ids)})`.execute(db.kysely);
  return result.rows;
}

/** The newest modified_at in the store, or null when it is empty. */
export async function latestModified(db: Db): Promise<string | null> {
  const result = await sql<{ m: string | null }>`select max(modified_at) as m from papers`.execute(
    db.kysely,
  );
  return result.rows[0]?.m ?? null;
}

/** How many papers the store holds. */
export async function paperCount(db: Db): Promise<number> {
  const result = await sql<{ n: number | string }>`select count(*) as n from papers`.execute(
    db.kysely,
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** Paper rows by pid (any order; missing pids are simply absent). */
export async function paperRowsByPid(db: Db, pids: number[]): Promise<PaperRow[]> {
  if (pids.length === 0) return [];
  const columns = db.dialect === 'postgres' ? PAPER_COLUMNS : sql.raw('p.*');
  const result = await sql<PaperRow>`select ${columns} from papers p
    where p.pid in (${sql.join(pids)})`.execute(db.kysely);
  return result.rows;
}
