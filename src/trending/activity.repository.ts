import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

/** Members' votes on a paper per day since `sinceDay` (by the day they were cast). */
export async function votesPerDay(db: Executor, paperId: string, since: string) {
  return db
    .selectFrom('votes')
    .select('created_at')
    .where('paper_id', '=', paperId)
    .where('created_at', '>=', since)
    .execute();
}

/** Star snapshots of the repository a code link names, from just before `since` on. */
export async function starHistory(db: Executor, codeRepo: string, since: string) {
  const repo = await db
    .selectFrom('repos')
    .select(['id', 'full_name', 'stars'])
    .where('code_repo', '=', codeRepo)
    .executeTakeFirst();
  if (!repo) return null;
  const [before, during] = await Promise.all([
    db
      .selectFrom('star_snapshots')
      .select(['taken_at', 'stars'])
      .where('repo_id', '=', repo.id)
      .where('taken_at', '<', since)
      .orderBy('taken_at', 'desc')
      .limit(1)
      .execute(),
    db
      .selectFrom('star_snapshots')
      .select(['taken_at', 'stars'])
      .where('repo_id', '=', repo.id)
      .where('taken_at', '>=', since)
      .orderBy('taken_at', 'asc')
      .execute(),
  ]);
  return { fullName: repo.full_name, snapshots: [...before, ...during] };
}

/**
 * Star snapshots of many code links' repositories from `since` on, oldest first, with the last
 * snapshot before `since` as each one's starting point (for trending's sparklines, one query).
 */
export async function starHistories(db: Executor, codeRepos: readonly string[], since: string) {
  if (codeRepos.length === 0) return [];
  return db
    .selectFrom('star_snapshots as s')
    .innerJoin('repos as r', 'r.id', 's.repo_id')
    .select(['r.code_repo', 's.taken_at', 's.stars'])
    .where('r.code_repo', 'in', [...codeRepos])
    .where((eb) =>
      eb.or([
        eb('s.taken_at', '>=', since),
        eb(
          's.taken_at',
          '=',
          eb
            .selectFrom('star_snapshots as b')
            .select((b) => b.fn.max('b.taken_at').as('t'))
            .whereRef('b.repo_id', '=', 's.repo_id')
            .where('b.taken_at', '<', since),
        ),
      ]),
    )
    .orderBy('r.code_repo')
    .orderBy('s.taken_at')
    .execute();
}
