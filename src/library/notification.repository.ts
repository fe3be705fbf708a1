import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

/** A notification as stored, with the paper's title and the actor's name joined in. */
export interface NotificationRow {
  id: number;
  user_id: number;
  kind: string;
  paper_id: string | null;
  paper_title: string | null;
  comment_id: number | null;
  actor_name: string | null;
  detail: string;
  created_at: string;
  read_at: string | null;
}

/** A notification to record; the (member, dedupe key) pair makes recording it twice harmless. */
export interface NewNotification {
  user_id: number;
  kind: string;
  paper_id: string | null;
  comment_id: number | null;
  actor_id: number | null;
  detail: string;
  dedupe_key: string;
  created_at: string;
}

/** Records notifications; those recorded before (same member and key) are kept as they were. */
export async function insertNotifications(
  db: Executor,
  rows: readonly NewNotification[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const result = await db
      .insertInto('notifications')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('papers as p', 'p.id', 'n.paper_id')
    .leftJoin('users as a', 'a.id', 'n.actor_id')
    .select([
      'n.id',
      'n.user_id',
      'n.kind',
      'n.paper_id',
      'p.title as paper_title',
      'n.comment_id',
      'a.name as actor_name',
      'n.detail',
      'n.created_at',
      'n.read_at',
    ]);
}

/** A member's notifications, newest first. */
export async function listNotifications(
  db: Executor,
  userId: number,
  options: { limit: number; unreadOnly?: boolean },
): Promise<NotificationRow[]> {
  let query = baseQuery(db).where('n.user_id', '=', userId);
  if (options.unreadOnly) query = query.where('n.read_at', 'is', null);
  return query.orderBy('n.id', 'desc').limit(options.limit).execute();
}

export async function countUnread(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a member's notifications read: the given ones, or all when `ids` is null. */
export async function markRead(
  db: Executor,
  userId: number,
  ids: readonly number[] | null,
  now: string,
): Promise<number> {
  if (ids !== null && ids.length === 0) return 0;
  let query = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== null) query = query.where('id', 'in', ids.slice(0, 1000));
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Who saved each of these papers. */
export async function saversOf(
  db: Executor,
  paperIds: readonly string[],
): Promise<{ user_id: number; paper_id: string }[]> {
  const out: { user_id: number; paper_id: string }[] = [];
  for (let i = 0; i < paperIds.length; i += 500)
    out.push(
      ...(await db
        .selectFrom('library_saves')
        .select(['user_id', 'paper_id'])
        .where('paper_id', 'in', paperIds.slice(i, i + 500))
        .execute()),
    );
  return out;
}

/** Active members by their (lower-case) names. */
export async function activeMembersNamed(
  db: Executor,
  names: readonly string[],
): Promise<{ id: number; name: string }[]> {
  if (names.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('name', 'in', names.slice(0, 50))
    .where('status', '=', 'active')
    .execute();
}

/** Whether the member wants notifications by mail. */
export async function notifyByMail(db: Executor, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('notify_by_mail')
    .where('id', '=', userId)
    .executeTakeFirst();
  return Number(row?.notify_by_mail ?? 0) === 1;
}

export async function setNotifyByMail(db: Executor, userId: number, on: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ notify_by_mail: on ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}

/** A notification waiting to be mailed, with its member's address. */
export interface UnmailedRow extends NotificationRow {
  email: string;
}

/**
 * Notifications not yet mailed to members who want mail, recorded since `since`, oldest first
 * per member (older ones were recorded while the member did not want mail, and stay unsent).
 */
export async function unmailedNotifications(
  db: Executor,
  since: string,
  limit: number,
): Promise<UnmailedRow[]> {
  return baseQuery(db)
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select('u.email')
    .where('u.notify_by_mail', '=', 1)
    .where('u.status', '=', 'active')
    .where('n.mailed_at', 'is', null)
    .where('n.created_at', '>=', since)
    .orderBy('n.user_id')
    .orderBy('n.id')
    .limit(limit)
    .execute();
}

export async function markMailed(db: Executor, ids: readonly number[], now: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('notifications')
      .set({ mailed_at: now })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
}

/** Marks a member's unmailed notifications as not to be mailed (they are on the site already). */
export async function skipMailing(db: Executor, userId: number, now: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ mailed_at: now })
    .where('user_id', '=', userId)
    .where('mailed_at', 'is', null)
    .execute();
}
