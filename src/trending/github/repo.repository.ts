import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

type Executor = Db['kysely'];

/** Adds a row for every GitHub repository papers link to that has none yet; returns how many. */
export async function discoverRepos(db: Executor, now: string): Promise<number> {
  const result = await sql`
    insert into repos (code_repo, full_name, created_at, next_check_at)
    select p.code_repo, substr(p.code_repo, 8), ${now}, ${now}
    from papers p
    where p.code_repo like 'github:%'
      and not exists (select 1 from repos r where r.code_repo = p.code_repo)
    group by p.code_repo
    on conflict (code_repo) do nothing
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface DueRepo {
  id: number;
  full_name: string;
  stars: number | null;
  etag: string | null;
  failures: number;
  last_checked_at: string | null;
  /** When the youngest paper linking it first appeared. */
  youngest_paper: string | null;
}

/** Active repositories whose next check is due, most overdue first. */
export async function dueRepos(db: Executor, now: string, limit: number): Promise<DueRepo[]> {
  const { rows } = await sql<DueRepo>`
    select r.id, r.full_name, r.stars, r.etag, r.failures, r.last_checked_at,
      (select max(coalesce(p.published_at, p.listing_date)) from papers p where p.code_repo = r.code_repo)
        as youngest_paper
    from repos r
    where r.status = 'active' and r.next_check_at <= ${now}
    order by r.next_check_at asc, r.id asc
    limit ${limit}
  `.execute(db);
  return rows;
}

/** Stores a fresh count: the repository's state and a snapshot with the stars gained. */
export async function recordStars(
  db: Executor,
  r: {
    id: number;
    fullName: string;
    githubId: number;
    stars: number;
    gained: number;
    etag: string | null;
    now: string;
    nextCheckAt: string;
  },
): Promise<void> {
  await db
    .updateTable('repos')
    .set({
      full_name: r.fullName,
      github_id: r.githubId,
      stars: r.stars,
      etag: r.etag,
      failures: 0,
      last_checked_at: r.now,
      next_check_at: r.nextCheckAt,
    })
    .where('id', '=', r.id)
    .execute();
  await db
    .insertInto('star_snapshots')
    .values({ repo_id: r.id, taken_at: r.now, stars: r.stars, gained: r.gained })
    .onConflict((oc) => oc.columns(['repo_id', 'taken_at']).doNothing())
    .execute();
}

/** A check that changed nothing (304): only the schedule moves. */
export async function recordUnchanged(
  db: Executor,
  id: number,
  now: string,
  nextCheckAt: string,
): Promise<void> {
  await db
    .updateTable('repos')
    .set({ failures: 0, last_checked_at: now, next_check_at: nextCheckAt })
    .where('id', '=', id)
    .execute();
}

/** Deleted, private or blocked: stop polling it. */
export async function markGone(db: Executor, id: number, now: string): Promise<void> {
  await db
    .updateTable('repos')
    .set({ status: 'gone', last_checked_at: now, next_check_at: null })
    .where('id', '=', id)
    .execute();
}

/** A failed check: try again later (the caller backs off with the failure count). */
export async function recordFailure(
  db: Executor,
  id: number,
  failures: number,
  nextCheckAt: string,
): Promise<void> {
  await db
    .updateTable('repos')
    .set({ failures, next_check_at: nextCheckAt })
    .where('id', '=', id)
    .execute();
}

export interface RepoView {
  fullName: string;
  stars: number | null;
  status: string;
  lastCheckedAt: string | null;
}

/** The repository a paper's code link names, if it is tracked. */
export async function findRepoByCodeRepo(db: Executor, codeRepo: string) {
  return db
    .selectFrom('repos')
    .select(['id', 'full_name', 'stars', 'status', 'last_checked_at'])
    .where('code_repo', '=', codeRepo)
    .executeTakeFirst();
}
