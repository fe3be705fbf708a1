import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

/** The saved position of an ingestion source, or null when it has never run. */
export async function readCursor<T>(db: Executor, source: string): Promise<T | null> {
  const row = await db
    .selectFrom('ingest_cursors')
    .select('cursor')
    .where('source', '=', source)
    .executeTakeFirst();
  if (!row) return null;
  try {
    return JSON.parse(row.cursor) as T;
  } catch {
    return null;
  }
}

/** Saves a source's position; call it in the transaction that stores the records it covers. */
export async function writeCursor(
  db: Executor,
  source: string,
  cursor: unknown,
  now: string,
): Promise<void> {
  const text = JSON.stringify(cursor);
  await db
    .insertInto('ingest_cursors')
    .values({ source, cursor: text, updated_at: now })
    .onConflict((oc) => oc.column('source').doUpdateSet({ cursor: text, updated_at: now }))
    .execute();
}
