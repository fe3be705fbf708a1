import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

const CHUNK = 500;

/** Ids of papers with a signal recorded since the last run: the signals' selects, in one union. */
export async function papersWithNewSignals(
  db: Executor,
  selects: readonly RawBuilder<{ paper_id: string }>[],
): Promise<Set<string>> {
  if (selects.length === 0) return new Set();
  const { rows } = await sql<{ paper_id: string }>`${sql.join(selects, sql` union `)}`.execute(db);
  return new Set(rows.map((r) => r.paper_id));
}

/** Papers whose stored rows hold a signal that has left its window by `now`. */
export async function papersWithExpiringScores(db: Executor, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom('trending_scores')
    .select('paper_id')
    .distinct()
    .where('expires_at', '<=', now)
    .execute();
  return rows.map((r) => r.paper_id);
}

/** When each paper first appeared: v1's date, else its listing day, else when it was stored. */
export async function readBirthDates(
  db: Executor,
  paperIds: readonly string[] | null,
): Promise<Map<string, string>> {
  const query = db
    .selectFrom('papers')
    .select(['id', 'published_at', 'listing_date', 'created_at']);
  const rows = paperIds
    ? await chunked(paperIds, (ids) => query.where('id', 'in', ids).execute())
    : await query.execute();
  return new Map(
    rows.map((r) => [r.id, r.published_at ?? r.listing_date ?? r.created_at] as const),
  );
}

async function chunked<T>(
  ids: readonly string[],
  read: (ids: string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await read(ids.slice(i, i + CHUNK))));
  return out;
}
