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
  paper_id: string;
  created_at: string;
  user_created_at: string;
}

/**
 * Members' votes on these papers cast after `since`, without those an account cast beyond
 * `perHour` in one clock hour (counted in cast order) and without suspended accounts' votes.
 */
export async function readCountedVotes(
  db: Executor,
  paperIds: readonly string[],
  since: string,
  perHour: number,
): Promise<VoteRow[]> {
  return chunked(paperIds, async (ids) => {
    const { rows } = await sql<VoteRow>`
      select v.paper_id, v.created_at, u.created_at as user_created_at
      from votes v join users u on u.id = v.user_id
      where v.paper_id in (${sql.join(ids)}) and v.created_at > ${since}
        and u.status <> 'suspended'
        and (
          select count(*) from votes e
          where e.user_id = v.user_id
            and e.created_at >= substr(v.created_at, 1, 13)
            and (e.created_at < v.created_at or (e.created_at = v.created_at and e.paper_id < v.paper_id))
        ) < ${perHour}
    `.execute(db);
    return rows;
  });
}

/** Upvotes a source such as Hugging Face reported, with the first day it listed the paper. */
export async function readSourceUpvotes(db: Executor, paperIds: readonly string[]) {
  return chunked(paperIds, (ids) =>
    db
      .selectFrom('daily_entries')
      .select((eb) => [
        'paper_id',
        eb.fn.min('day').as('day'),
        eb.fn.max('source_upvotes').as('upvotes'),
      ])
      .where('paper_id', 'in', ids)
      .where('source_upvotes', '>', 0)
      .groupBy('paper_id')
      .execute(),
  );
}

/** Visible comments on these papers written after `since`. */
export async function readComments(db: Executor, paperIds: readonly string[], since: string) {
  return chunked(paperIds, (ids) =>
    db
      .selectFrom('comments')
      .select(['paper_id', 'created_at'])
      .where('paper_id', 'in', ids)
      .where('created_at', '>', since)
      .where('deleted_at', 'is', null)
      .where('hidden', '=', 0)
      .execute(),
  );
}

/** Daily view counts of these papers from `sinceDay` on. */
export async function readViews(db: Executor, paperIds: readonly string[], sinceDay: string) {
  return chunked(paperIds, (ids) =>
    db
      .selectFrom('page_views')
      .select(['paper_id', 'day', 'views'])
      .where('paper_id', 'in', ids)
      .where('day', '>=', sinceDay)
      .execute(),
  );
}

/** Stars gained by the repositories these papers link to, per snapshot after `since`. */
export async function readStarGains(db: Executor, paperIds: readonly string[], since: string) {
  return chunked(paperIds, (ids) =>
    db
      .selectFrom('papers as p')
      .innerJoin('repos as r', 'r.code_repo', 'p.code_repo')
      .innerJoin('star_snapshots as s', 's.repo_id', 'r.id')
      .select(['p.id as paper_id', 's.taken_at', 's.gained'])
      .where('p.id', 'in', ids)
      .where('s.taken_at', '>', since)
      .where('s.gained', '>', 0)
      .execute(),
  );
}

/** When each paper first appeared: v1's date, else its listing day, else when it was stored. */
export async function readBirthDates(
  db: Executor,
  paperIds: readonly string[],
): Promise<Map<string, string>> {
  const rows = await chunked(paperIds, (ids) =>
    db
      .selectFrom('papers')
      .select(['id', 'published_at', 'listing_date', 'created_at'])
      .where('id', 'in', ids)
      .execute(),
  );
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
