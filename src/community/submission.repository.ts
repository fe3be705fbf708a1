import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

/** Puts a paper on a day's list as a member's submission; false when it was already on that day. */
export async function insertSubmission(
  db: Executor,
  entry: { day: string; paperId: string; userId: number; now: string },
): Promise<boolean> {
  const result = await db
    .insertInto('daily_entries')
    .values({
      day: entry.day,
      paper_id: entry.paperId,
      submitted_by: entry.userId,
      source: 'member',
      source_upvotes: 0,
      source_comments: 0,
      featured: 0,
      created_at: entry.now,
    })
    .onConflict((oc) => oc.columns(['day', 'paper_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Features (or unfeatures) a paper on a day, adding an entry when arXiv listing put it there. */
export async function setFeatured(
  db: Executor,
  entry: { day: string; paperId: string; featured: boolean; now: string },
): Promise<void> {
  await db
    .insertInto('daily_entries')
    .values({
      day: entry.day,
      paper_id: entry.paperId,
      source: 'curator',
      source_upvotes: 0,
      source_comments: 0,
      featured: entry.featured ? 1 : 0,
      created_at: entry.now,
    })
    .onConflict((oc) =>
      oc.columns(['day', 'paper_id']).doUpdateSet({ featured: entry.featured ? 1 : 0 }),
    )
    .execute();
}

/** Ids of the papers a member submitted, newest first, with the day. */
export async function submissionsBy(
  db: Executor,
  userId: number,
  limit: number,
): Promise<{ paperId: string; day: string }[]> {
  const rows = await db
    .selectFrom('daily_entries')
    .select(['paper_id', 'day'])
    .where('submitted_by', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ paperId: r.paper_id, day: r.day }));
}
