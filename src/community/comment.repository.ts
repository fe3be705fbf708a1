import type { Db } from '../db/database.ts';
import type { Comment } from './comment.ts';
import { isRowId } from '../db/row-id.ts';

type Executor = Db['kysely'];

function baseQuery(db: Executor) {
  return db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.paper_id',
      'c.user_id',
      'c.parent_id',
      'u.name as author_name',
      'c.body',
      'c.hidden',
      'c.hidden_reason',
      'c.created_at',
      'c.edited_at',
    ])
    .where('c.deleted_at', 'is', null);
}

type CommentRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    paperId: row.paper_id,
    parentId: row.parent_id,
    author: { id: row.user_id, name: row.author_name },
    body: row.body,
    hidden: Boolean(row.hidden),
    hiddenReason: row.hidden_reason,
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}

export async function insertComment(
  db: Executor,
  comment: { paperId: string; userId: number; parentId: number | null; body: string; now: string },
): Promise<number> {
  const row = await db
    .insertInto('comments')
    .values({
      paper_id: comment.paperId,
      user_id: comment.userId,
      parent_id: comment.parentId,
      body: comment.body,
      created_at: comment.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A live comment by id; null for an unknown, deleted or out-of-range id. */
export async function findComment(db: Executor, id: number): Promise<Comment | null> {
  if (!isRowId(id)) return null;
  const row = await baseQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toComment(row) : null;
}

/** A paper's comments, oldest first (hidden ones included; pages show them as hidden). */
export async function commentsOnPaper(db: Executor, paperId: string): Promise<Comment[]> {
  const rows = await baseQuery(db)
    .where('c.paper_id', '=', paperId)
    .orderBy('c.created_at', 'asc')
    .orderBy('c.id', 'asc')
    .limit(500)
    .execute();
  return rows.map(toComment);
}

/** Which of `ids` are deleted comments on the paper, with when they were written. */
export async function deletedCommentsOnPaper(
  db: Executor,
  paperId: string,
  ids: number[],
): Promise<{ id: number; createdAt: string }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'created_at'])
    .where('paper_id', '=', paperId)
    .where('id', 'in', ids)
    .where('deleted_at', 'is not', null)
    .execute();
  return rows.map((r) => ({ id: r.id, createdAt: r.created_at }));
}

export async function commentsByUser(db: Executor, userId: number, limit: number) {
  const rows = await baseQuery(db)
    .where('c.user_id', '=', userId)
    .where('c.hidden', '=', 0)
    .orderBy('c.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toComment);
}

export async function updateCommentBody(
  db: Executor,
  id: number,
  body: string,
  now: string,
): Promise<void> {
  await db.updateTable('comments').set({ body, edited_at: now }).where('id', '=', id).execute();
}

export async function markCommentDeleted(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('comments').set({ deleted_at: now }).where('id', '=', id).execute();
}

export async function setCommentHidden(
  db: Executor,
  id: number,
  hidden: boolean,
  reason: string | null,
): Promise<void> {
  await db
    .updateTable('comments')
    .set({ hidden: hidden ? 1 : 0, hidden_reason: hidden ? reason : null })
    .where('id', '=', id)
    .execute();
}
