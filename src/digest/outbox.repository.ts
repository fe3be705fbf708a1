import zlib from 'node:zlib';
import { sql, type Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { DigestOutboxTable } from '../db/schema.ts';

type Executor = Db['kysely'];

/** A rendered message waiting in (or gone through) the outbox. */
export interface OutboxMessage {
  id: number;
  /** The digest subscription it goes to; null for mail to a member. */
  subscriberId: number | null;
  /** The member a notification mail goes to; null for digests. */
  userId: number | null;
  periodKey: string;
  status: OutboxStatus;
  to: string;
  messageId: string;
  subject: string;
  html: string;
  text: string;
  paperCount: number;
  attempts: number;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
  createdAt: string;
}

/**
 * pending → sending → sent; a transient failure puts it back to pending with a later attempt
 * time; a permanent one, or too many attempts, ends in failed. A `sending` row found by a later
 * run was left by a process that died while the server may have taken it: it becomes uncertain
 * and is never sent again (at most once).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'uncertain' | 'failed' | 'cancelled';

/** Queues a rendered message; returns false when this (subscriber, period) was queued before. */
export async function insertOutbox(
  db: Executor,
  values: Insertable<DigestOutboxTable>,
): Promise<boolean> {
  const row = await db
    .insertInto('digest_outbox')
    .values({ ...values, body_html: pack(values.body_html), body_text: pack(values.body_text) })
    .onConflict((oc) => oc.columns(['subscriber_id', 'period_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Queues a rendered message to a member; false when this (member, period) was queued before. */
export async function insertMemberOutbox(
  db: Executor,
  values: Omit<Insertable<DigestOutboxTable>, 'subscriber_id'> & { user_id: number },
): Promise<boolean> {
  const row = await db
    .insertInto('digest_outbox')
    .values({
      ...values,
      subscriber_id: null,
      body_html: pack(values.body_html),
      body_text: pack(values.body_text),
    })
    .onConflict((oc) => oc.columns(['user_id', 'period_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Records the papers a queued digest holds, so none is sent to the subscriber again. */
export async function insertSentPapers(
  db: Executor,
  rows: { subscriber_id: number; paper_id: string; period_key: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto('digest_sent_papers')
      .values(rows.slice(i, i + 300))
      .onConflict((oc) => oc.columns(['subscriber_id', 'paper_id']).doNothing())
      .execute();
  }
}

/** Of these subscribers, which already got which of these papers. */
export async function findSentPapers(
  db: Executor,
  subscriberIds: readonly number[],
  paperIds: readonly string[],
): Promise<Map<number, Set<string>>> {
  const sent = new Map<number, Set<string>>();
  // Both lists bound, in chunks, so the primary key answers and a subscriber's long history of
  // sent papers is never read whole; chunks stay well under every driver's parameter limit.
  for (let i = 0; i < subscriberIds.length; i += 500) {
    const subscribers = subscriberIds.slice(i, i + 500);
    for (let j = 0; j < paperIds.length; j += 2000) {
      const rows = await db
        .selectFrom('digest_sent_papers')
        .select(['subscriber_id', 'paper_id'])
        .where('subscriber_id', 'in', subscribers)
        .where('paper_id', 'in', paperIds.slice(j, j + 2000))
        .execute();
      for (const row of rows) {
        let set = sent.get(row.subscriber_id);
        if (!set) sent.set(row.subscriber_id, (set = new Set()));
        set.add(row.paper_id);
      }
    }
  }
  return sent;
}

/** Ids of messages due for an attempt, oldest first. */
export async function listDeliverable(
  db: Executor,
  now: string,
  afterId: number,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('digest_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims one message for sending: pending → sending in a single conditional update (its own
 * transaction). Returns the message, or null when another run claimed it first.
 */
export async function claimMessage(
  db: Executor,
  id: number,
  now: string,
): Promise<OutboxMessage | null> {
  const row = await db
    .updateTable('digest_outbox')
    .set((eb) => ({ status: 'sending', claimed_at: now, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  return row ? toMessage(row) : null;
}

/** The server accepted the message: recorded at once, and the bodies dropped to save space. */
export async function markSent(
  db: Executor,
  id: number,
  now: string,
  response: string,
): Promise<void> {
  await db
    .updateTable('digest_outbox')
    .set({
      status: 'sent',
      sent_at: now,
      smtp_response: response.slice(0, 300),
      last_error: null,
      body_html: '',
      body_text: '',
    })
    .where('id', '=', id)
    .execute();
}

/** A transient failure: back to pending, tried again at `retryAt`. */
export async function markRetry(
  db: Executor,
  id: number,
  retryAt: string,
  error: string,
): Promise<void> {
  await db
    .updateTable('digest_outbox')
    .set({ status: 'pending', next_attempt_at: retryAt, last_error: error, claimed_at: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

export async function markFailed(db: Executor, id: number, error: string): Promise<void> {
  await db
    .updateTable('digest_outbox')
    .set({ status: 'failed', last_error: error })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Resolves messages a dead run left in `sending`: whether the server took them is unknown, and
 * sending again could duplicate, so they become `uncertain` and are not sent again.
 */
export async function resolveAbandoned(db: Executor, note: string): Promise<number> {
  const result = await db
    .updateTable('digest_outbox')
    .set({ status: 'uncertain', last_error: note })
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Messages no longer worth sending for a subscriber who left (pending ones only). */
export async function cancelPending(db: Executor, subscriberId: number): Promise<void> {
  await db
    .updateTable('digest_outbox')
    .set({ status: 'cancelled' })
    .where('subscriber_id', '=', subscriberId)
    .where('status', '=', 'pending')
    .execute();
}

/** Counts outbox messages by status. */
export async function countOutboxByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('digest_outbox')
    .select(['status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The most recent outbox messages, newest first, without bodies. */
export async function listRecentOutbox(
  db: Executor,
  limit: number,
): Promise<Omit<OutboxMessage, 'html' | 'text'>[]> {
  const rows = await db
    .selectFrom('digest_outbox')
    .select([
      'id',
      'subscriber_id',
      'user_id',
      'period_key',
      'status',
      'to_address',
      'message_id',
      'subject',
      'paper_count',
      'attempts',
      'next_attempt_at',
      'sent_at',
      'last_error',
      'created_at',
      sql<string>`''`.as('body_html'),
      sql<string>`''`.as('body_text'),
    ])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const { html: _h, text: _t, ...rest } = toMessage(r);
    return rest;
  });
}

function toMessage(row: {
  id: number;
  subscriber_id: number | null;
  user_id: number | null;
  period_key: string;
  status: string;
  to_address: string;
  message_id: string;
  subject: string;
  body_html: string;
  body_text: string;
  paper_count: number;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  last_error: string | null;
  created_at: string;
}): OutboxMessage {
  return {
    id: row.id,
    subscriberId: row.subscriber_id,
    userId: row.user_id,
    periodKey: row.period_key,
    status: row.status as OutboxStatus,
    to: row.to_address,
    messageId: row.message_id,
    subject: row.subject,
    html: unpack(row.body_html),
    text: unpack(row.body_text),
    paperCount: row.paper_count,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    lastError: row.last_error,
    createdAt: row.created_at,
  };
}

// Rendered bodies are kept compressed until sent: a digest's HTML shrinks about sevenfold, which
// keeps a run of thousands of digests light on the store and its cache.
const PACKED = 'deflate:';

function pack(body: string): string {
  if (body === '') return body;
  return PACKED + zlib.deflateRawSync(body, { level: 1 }).toString('base64');
}

function unpack(stored: string): string {
  if (!stored.startsWith(PACKED)) return stored;
  return zlib.inflateRawSync(Buffer.from(stored.slice(PACKED.length), 'base64')).toString('utf8');
}
