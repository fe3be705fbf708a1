import type { Db } from '../db/database.ts';
import { isRowId } from '../db/row-id.ts';

type Executor = Db['kysely'];

/** A message of the database outbox as the admin page lists it. */
export interface StoredMail {
  id: number;
  to: string;
  subject: string;
  size: number;
  writtenAt: string;
}

/** Stores a written message once: a message id already there is left alone (false). */
export async function insertMail(
  db: Executor,
  mail: { messageId: string; to: string; subject: string; raw: string; writtenAt: string },
): Promise<boolean> {
  const row = await db
    .insertInto('mail_outbox')
    .values({
      message_id: mail.messageId,
      to_address: mail.to,
      subject: mail.subject,
      raw: mail.raw,
      written_at: mail.writtenAt,
    })
    .onConflict((oc) => oc.column('message_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** The newest messages, newest first (without their text). */
export async function listMail(db: Executor, limit: number): Promise<StoredMail[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select([
      'id',
      'to_address',
      'subject',
      'written_at',
      (eb) => eb.fn('length', ['raw']).as('size'),
    ])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    to: r.to_address,
    subject: r.subject,
    size: Number(r.size),
    writtenAt: r.written_at,
  }));
}

/** One message's whole text, or null. */
export async function readMail(db: Executor, id: number): Promise<string | null> {
  if (!isRowId(id)) return null;
  const row = await db
    .selectFrom('mail_outbox')
    .select('raw')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.raw ?? null;
}

/** How many messages the database outbox holds. */
export async function countMail(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
