import type { Selectable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { TrendingExclusionsTable } from '../db/schema.ts';

type Executor = Db['kysely'];
export type ExclusionRow = Selectable<TrendingExclusionsTable>;

export async function paperExists(db: Executor, paperId: string): Promise<boolean> {
  const row = await db
    .selectFrom('papers')
    .select('id')
    .where('id', '=', paperId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts or replaces a paper's exclusion. */
export async function upsertExclusion(db: Executor, row: ExclusionRow): Promise<void> {
  await db
    .insertInto('trending_exclusions')
    .values(row)
    .onConflict((oc) =>
      oc.column('paper_id').doUpdateSet({
        reason: row.reason,
        excluded_by: row.excluded_by,
        created_at: row.created_at,
      }),
    )
    .execute();
}

export async function deleteExclusion(db: Executor, paperId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('trending_exclusions')
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findExclusionRow(
  db: Executor,
  paperId: string,
): Promise<ExclusionRow | undefined> {
  return db
    .selectFrom('trending_exclusions')
    .selectAll()
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
}

export async function listExclusionRows(db: Executor, limit: number): Promise<ExclusionRow[]> {
  return db
    .selectFrom('trending_exclusions')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
