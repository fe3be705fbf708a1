import type { Db } from '../../src/db/database.ts';

/**
 * Trending's own seeds: members, votes, repositories and star snapshots. Its papers come from the
 * shared paper seed (test/support/seed-papers.ts, `seedDatedPapers`).
 */

/** Creates a member account created at `createdAt`; returns its id. */
export async function seedUser(db: Db, name: string, createdAt: string): Promise<number> {
  const row = await db.kysely
    .insertInto('users')
    .values({ email: `${name}@example.org`, name, created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records one member's vote at an instant. */
export async function seedVote(db: Db, userId: number, paperId: string, at: string) {
  await db.kysely
    .insertInto('votes')
    .values({ user_id: userId, paper_id: paperId, created_at: at })
    .execute();
}

/** A linked GitHub repository; returns its id. */
export async function seedRepo(db: Db, codeRepo: string, createdAt: string): Promise<number> {
  const row = await db.kysely
    .insertInto('repos')
    .values({
      code_repo: codeRepo,
      full_name: codeRepo.replace(/^github:/, ''),
      created_at: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A star count at an instant, with the stars gained since the previous snapshot. */
export async function seedSnapshot(
  db: Db,
  repoId: number,
  at: string,
  stars: number,
  gained: number,
) {
  await db.kysely
    .insertInto('star_snapshots')
    .values({ repo_id: repoId, taken_at: at, stars, gained })
    .execute();
}
