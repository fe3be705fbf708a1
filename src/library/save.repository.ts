import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

export interface SaveRow {
  paper_id: string;
  status: string;
  note: string | null;
  created_at: string;
}

/** Saves a paper (kept as it is when already saved); true when it was new. */
export async function insertSave(
  db: Executor,
  userId: number,
  paperId: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .insertInto('library_saves')
    .values({
      user_id: userId,
      paper_id: paperId,
      status: 'to_read',
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Changes a saved paper's status and/or note. */
export async function updateSave(
  db: Executor,
  userId: number,
  paperId: string,
  changes: { status?: string; note?: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('library_saves')
    .set({ ...changes, updated_at: now })
    .where('user_id', '=', userId)
    .where('paper_id', '=', paperId)
    .execute();
}

/** Removes a paper from the library and from every collection of the member. */
export async function deleteSave(db: Executor, userId: number, paperId: string): Promise<boolean> {
  await db
    .deleteFrom('collection_papers')
    .where('paper_id', '=', paperId)
    .where('collection_id', 'in', (eb) =>
      eb.selectFrom('collections').select('id').where('user_id', '=', userId),
    )
    .execute();
  const result = await db
    .deleteFrom('library_saves')
    .where('user_id', '=', userId)
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findSave(
  db: Executor,
  userId: number,
  paperId: string,
): Promise<SaveRow | null> {
  const row = await db
    .selectFrom('library_saves')
    .select(['paper_id', 'status', 'note', 'created_at'])
    .where('user_id', '=', userId)
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  return row ?? null;
}

/** A member's saves, newest first, optionally of one status. */
export async function listSaves(
  db: Executor,
  userId: number,
  options: { status?: string; limit: number; offset?: number },
): Promise<SaveRow[]> {
  let q = db
    .selectFrom('library_saves')
    .select(['paper_id', 'status', 'note', 'created_at'])
    .where('user_id', '=', userId);
  if (options.status) q = q.where('status', '=', options.status);
  return q
    .orderBy('created_at', 'desc')
    .orderBy('paper_id')
    .limit(options.limit)
    .offset(options.offset ?? 0)
    .execute();
}

/** Which of these papers the member has saved, with their status. */
export async function savesAmong(
  db: Executor,
  userId: number,
  paperIds: readonly string[],
): Promise<Map<string, SaveRow>> {
  if (paperIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('library_saves')
    .select(['paper_id', 'status', 'note', 'created_at'])
    .where('user_id', '=', userId)
    .where('paper_id', 'in', paperIds.slice(0, 1000))
    .execute();
  return new Map(rows.map((r) => [r.paper_id, r]));
}

/** Members who saved a paper (notifications of its new versions). */
export async function saversOf(db: Executor, paperId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('library_saves')
    .select('user_id')
    .where('paper_id', '=', paperId)
    .execute();
  return rows.map((r) => r.user_id);
}
