import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { SubscribersTable } from '../db/schema.ts';
import type { Subscriber, SubscriberStatus, Frequency } from './subscriber.ts';

type Executor = Db['kysely'];
type Row = Selectable<SubscribersTable>;

export async function findSubscriberByEmail(
  db: Executor,
  email: string,
): Promise<Subscriber | null> {
  const row = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

export async function findSubscriberById(db: Executor, id: number): Promise<Subscriber | null> {
  const row = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

/** The confirmation nonce and its expiry of a pending subscriber. */
export async function findConfirmation(
  db: Executor,
  id: number,
): Promise<{ nonce: string | null; expiresAt: string | null; status: string } | null> {
  const row = await db
    .selectFrom('subscribers')
    .select(['confirm_nonce', 'confirm_expires_at', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row
    ? { nonce: row.confirm_nonce, expiresAt: row.confirm_expires_at, status: row.status }
    : null;
}

/** Inserts a subscriber unless the address exists; returns the id, or null when it existed. */
export async function insertSubscriber(
  db: Executor,
  values: Insertable<SubscribersTable>,
): Promise<number | null> {
  const row = await db
    .insertInto('subscribers')
    .values(values)
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function updateSubscriber(
  db: Executor,
  id: number,
  values: Updateable<SubscribersTable>,
): Promise<void> {
  await db.updateTable('subscribers').set(values).where('id', '=', id).execute();
}

/**
 * Uses a confirmation: only a pending subscriber whose nonce matches and has not expired
 * becomes active, and the nonce is cleared in the same statement, so a link works once.
 */
export async function useConfirmation(
  db: Executor,
  id: number,
  nonce: string,
  now: string,
  values: Updateable<SubscribersTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('subscribers')
    .set({ ...values, confirm_nonce: null, confirm_expires_at: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('confirm_nonce', '=', nonce)
    .where('confirm_expires_at', '>=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Active subscribers due by `now`, by id after `afterId`, for a paged scan. */
export async function listDueSubscribers(
  db: Executor,
  now: string,
  afterId: number,
  limit: number,
): Promise<Subscriber[]> {
  const rows = await db
    .selectFrom('subscribers')
    .selectAll()
    .where('status', '=', 'active')
    .where('next_due_at', '<=', now)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toSubscriber);
}

/** Counts subscribers by status, for the admin page and the CLI. */
export async function countSubscribersByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('subscribers')
    .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Adds a permanent delivery failure; marks the address bouncing at `limit`. Returns the count. */
export async function recordBounce(
  db: Executor,
  id: number,
  error: string,
  limit: number,
  now: string,
): Promise<number> {
  const row = await db
    .updateTable('subscribers')
    .set((eb) => ({ bounce_count: eb('bounce_count', '+', 1), last_error: error, updated_at: now }))
    .where('id', '=', id)
    .returning('bounce_count')
    .executeTakeFirst();
  const count = row?.bounce_count ?? 0;
  if (count >= limit)
    await db
      .updateTable('subscribers')
      .set({ status: 'bouncing', next_due_at: null, updated_at: now })
      .where('id', '=', id)
      .where('status', 'in', ['active', 'paused'])
      .execute();
  return count;
}

/** A delivered message clears the run of failures. */
export async function clearBounces(db: Executor, id: number): Promise<void> {
  await db
    .updateTable('subscribers')
    .set({ bounce_count: 0, last_error: null })
    .where('id', '=', id)
    .where('bounce_count', '>', 0)
    .execute();
}

function toSubscriber(row: Row): Subscriber {
  return {
    id: row.id,
    email: row.email,
    status: row.status as SubscriberStatus,
    frequency: row.frequency as Frequency,
    topics: {
      categories: JSON.parse(row.categories) as string[],
      keywords: JSON.parse(row.keywords) as string[],
      query: row.query,
    },
    timeZone: row.time_zone,
    userId: row.user_id,
    manageKey: row.manage_key,
    nextDueAt: row.next_due_at,
    bounceCount: row.bounce_count,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
  };
}
