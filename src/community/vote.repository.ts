import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

/** Adds a vote; false when the member had already voted. */
export async function insertVote(
  db: Executor,
  userId: number,
  paperId: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .insertInto('votes')
    .values({ user_id: userId, paper_id: paperId, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteVote(db: Executor, userId: number, paperId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('votes')
    .where('user_id', '=', userId)
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Members' votes plus the largest upvote count a source reported for the paper. */
export async function countUpvotes(db: Executor, paperId: string): Promise<number> {
  const [votes, source] = await Promise.all([
    db
      .selectFrom('votes')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('paper_id', '=', paperId)
      .executeTakeFirst(),
    db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.max('source_upvotes').as('n'))
      .where('paper_id', '=', paperId)
      .executeTakeFirst(),
  ]);
  return Number(votes?.n ?? 0) + Number(source?.n ?? 0);
}

/** Ids of the papers a member upvoted, newest vote first. */
export async function votedPaperIds(
  db: Executor,
  userId: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('votes')
    .select('paper_id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.paper_id);
}
