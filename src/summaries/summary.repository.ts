import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

/** A stored generated summary row, as the service maps it. */
export interface SummaryRow {
  summary: string;
  model: string;
  created_at: string;
}

/**
 * The newest papers (by storage order) with no generated summary yet and no summary from the
 * source that listed them (Hugging Face's is shown instead), at most `limit`.
 */
export async function papersWithoutSummary(db: Executor, limit: number) {
  return db
    .selectFrom('papers as p')
    .leftJoin('paper_summaries as s', 's.paper_id', 'p.id')
    .select(['p.id', 'p.title', 'p.abstract'])
    .where('s.paper_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('daily_entries as e')
            .select('e.paper_id')
            .whereRef('e.paper_id', '=', 'p.id')
            .where('e.ai_summary', 'is not', null),
        ),
      ),
    )
    .orderBy('p.pid', 'desc')
    .limit(limit)
    .execute();
}

/** Stores one paper's generated summary; a summary already there is kept (first writer wins). */
export async function insertSummary(
  db: Executor,
  row: { paperId: string; summary: string; model: string; at: string },
): Promise<void> {
  await db
    .insertInto('paper_summaries')
    .values({ paper_id: row.paperId, summary: row.summary, model: row.model, created_at: row.at })
    .onConflict((oc) => oc.column('paper_id').doNothing())
    .execute();
}

/** One paper's generated summary row, or undefined. */
export async function findSummary(db: Executor, paperId: string): Promise<SummaryRow | undefined> {
  return db
    .selectFrom('paper_summaries')
    .select(['summary', 'model', 'created_at'])
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
}
