import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

export async function insertSession(
  db: Executor,
  session: { tokenHash: string; userId: number; csrf: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrf,
      created_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The live session with this hash and its member's row fields. */
export async function findLiveSession(db: Executor, tokenHash: string, now: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.csrf_token',
      's.expires_at',
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.status',
      'u.created_at',
      'u.last_seen_at',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteSession(db: Executor, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(db: Executor, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
