import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

/** Every day with a list (papers listed on it, or put on its daily list), newest first. */
export async function daysWithLists(db: Executor, limit: number): Promise<string[]> {
  const { rows } = await sql<{ day: string }>`
    select day from (
      select distinct list_day as day from papers where list_day is not null
      union
      select distinct day from daily_entries
    ) d
    order by day desc
    limit ${limit}
  `.execute(db);
  return rows.map((r) => r.day);
}

/** One slice of all paper ids in id order, with the date each last changed on arXiv. */
export async function paperIdsSlice(
  db: Executor,
  offset: number,
  limit: number,
): Promise<{ id: string; changed: string | null }[]> {
  const rows = await db
    .selectFrom('papers')
    .select(['id', 'updated_at', 'published_at'])
    .orderBy('id', 'asc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    changed: (r.updated_at ?? r.published_at)?.slice(0, 10) ?? null,
  }));
}
