import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

export async function insertSignInToken(
  db: Executor,
  token: { tokenHash: string; email: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sign_in_tokens')
    .values({
      token_hash: token.tokenHash,
      email: token.email,
      created_at: token.now,
      expires_at: token.expiresAt,
      used_at: null,
    })
    .execute();
}

/** Marks an unused, unexpired token used and returns its address; null when it was not. */
export async function useSignInToken(
  db: Executor,
  tokenHash: string,
  now: string,
): Promise<string | null> {
  // One conditional update, so two clicks on the same link cannot both succeed.
  const row = await db
    .updateTable('sign_in_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('email')
    .executeTakeFirst();
  return row?.email ?? null;
}

export async function deleteStaleSignInTokens(db: Executor, before: string): Promise<void> {
  await db.deleteFrom('sign_in_tokens').where('expires_at', '<', before).execute();
}
