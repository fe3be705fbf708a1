import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

const CHUNK = 500;

/**
 * Ids of papers with a signal that took effect after `since`. A vote takes effect when cast or,
 * from a young account, when the account becomes old enough (`votesSince` is `since` less that
 * age, `oldEnoughBefore` is `now` less it).
 */
export async function papersWithNewSignals(
  db: Executor,
  w: { since: string; votesSince: string; now: string; oldEnoughBefore: string },
): Promise<Set<string>> {
  const { since, votesSince, now, oldEnoughBefore } = w;
  const { rows } = await sql<{ paper_id: string }>`
    select v.paper_id from votes v join users u on u.id = v.user_id
      where v.created_at > ${votesSince} and v.created_at <= ${now}
        and u.created_at <= ${oldEnoughBefore}
        and (v.created_at > ${since} or u.created_at > ${votesSince})
    union select paper_id from comments where created_at > ${since}
    union select paper_id from comments where deleted_at > ${since}
    union select paper_id from page_views where updated_at > ${since}
    union select paper_id from daily_entries where created_at > ${since}
    union select paper_id from daily_entries where upvotes_changed_at > ${since}
    union select p.id from star_snapshots s
      join repos r on r.id = s.repo_id
      join papers p on p.code_repo = r.code_repo
      where s.taken_at > ${since}
  `.execute(db);
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

export interface VoteRow {
  user_id: number;
  paper_id: string;
  created_at: string;
  user_created_at: string;
}

/**
 * Every vote cast after `since` by an account that is not suspended, in each account's casting
 * order (the per-hour limit is applied by the caller). One range scan, whichever papers changed.
 */
export async function readVotesSince(db: Executor, since: string): Promise<VoteRow[]> {
  return db
    .selectFrom('votes as v')
    .innerJoin('users as u', 'u.id', 'v.user_id')
    .select(['v.user_id', 'v.paper_id', 'v.created_at', 'u.created_at as user_created_at'])
    .where('v.created_at', '>', since)
    .where('u.status', '<>', 'suspended')
    .orderBy('v.user_id')
    .orderBy('v.created_at')
    .orderBy('v.paper_id')
    .execute();
}

/** Upvotes a source such as Hugging Face reported, with the first day it listed the paper. */
export async function readSourceUpvotes(db: Executor, paperIds: readonly string[] | null) {
  const query = db
    .selectFrom('daily_entries')
    .select((eb) => [
      'paper_id',
      eb.fn.min('day').as('day'),
      eb.fn.max('source_upvotes').as('upvotes'),
    ])
    .where('source_upvotes', '>', 0)
    .groupBy('paper_id');
  return paperIds
    ? chunked(paperIds, (ids) => query.where('paper_id', 'in', ids).execute())
    : query.execute();
}

/** Visible comments on these papers (or all) written after `since`. */
export async function readComments(
  db: Executor,
  paperIds: readonly string[] | null,
  since: string,
) {
  const query = db
    .selectFrom('comments')
    .select(['paper_id', 'created_at'])
    .where('created_at', '>', since)
    .where('deleted_at', 'is', null)
    .where('hidden', '=', 0);
  return paperIds
    ? chunked(paperIds, (ids) => query.where('paper_id', 'in', ids).execute())
    : query.execute();
}

/** Daily view counts of these papers (or all) from `sinceDay` on. */
export async function readViews(
  db: Executor,
  paperIds: readonly string[] | null,
  sinceDay: string,
) {
  const query = db
    .selectFrom('page_views')
    .select(['paper_id', 'day', 'views'])
    .where('day', '>=', sinceDay);
  return paperIds
    ? chunked(paperIds, (ids) => query.where('paper_id', 'in', ids).execute())
    : query.execute();
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
