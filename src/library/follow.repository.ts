import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

export interface FollowRow {
  id: number;
  kind: string;
  target: string;
  created_at: string;
}

/** Adds a follow (kept when it exists); true when it was new. */
export async function insertFollow(
  db: Executor,
  userId: number,
  kind: string,
  target: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .insertInto('follows')
    .values({ user_id: userId, kind, target, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'target']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteFollow(
  db: Executor,
  userId: number,
  kind: string,
  target: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('follows')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('target', '=', target)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** A member's follows, oldest first (the order they were added). */
export async function listFollows(db: Executor, userId: number): Promise<FollowRow[]> {
  return db
    .selectFrom('follows')
    .select(['id', 'kind', 'target', 'created_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Members following any of these targets of a kind (notifications of followed authors). */
export async function followersOf(
  db: Executor,
  kind: string,
  targets: readonly string[],
): Promise<{ user_id: number; target: string }[]> {
  if (targets.length === 0) return [];
  return db
    .selectFrom('follows')
    .select(['user_id', 'target'])
    .where('kind', '=', kind)
    .where('target', 'in', targets.slice(0, 1000))
    .execute();
}

/** Marks a paper "not interested" for a member. */
export async function insertNotInterested(
  db: Executor,
  userId: number,
  paperId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('not_interested')
    .values({ user_id: userId, paper_id: paperId, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
    .execute();
}

export async function deleteNotInterested(
  db: Executor,
  userId: number,
  paperId: string,
): Promise<void> {
  await db
    .deleteFrom('not_interested')
    .where('user_id', '=', userId)
    .where('paper_id', '=', paperId)
    .execute();
}

/** The papers a member marked "not interested", newest first. */
export async function notInterestedIds(
  db: Executor,
  userId: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('not_interested')
    .select('paper_id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.paper_id);
}
