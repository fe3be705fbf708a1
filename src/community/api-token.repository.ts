import type { Db } from '../db/database.ts';
import { isRowId } from '../db/row-id.ts';

type Executor = Db['kysely'];

/** What a token may do: read only, or read and write. */
export type ApiTokenScope = 'read' | 'write';

export interface ApiTokenRecord {
  id: number;
  userId: number;
  name: string;
  scope: ApiTokenScope;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function insertApiToken(
  db: Executor,
  token: { userId: number; name: string; scope: ApiTokenScope; tokenHash: string; now: string },
): Promise<number> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      user_id: token.userId,
      name: token.name,
      scope: token.scope,
      token_hash: token.tokenHash,
      created_at: token.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A member's live (unrevoked) tokens, newest first. */
export async function liveApiTokens(db: Executor, userId: number): Promise<ApiTokenRecord[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'name', 'scope', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    userId: r.user_id,
    name: r.name,
    scope: asScope(r.scope),
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

/** Marks a member's token revoked; false when it is not theirs or already revoked. */
export async function revokeApiTokenRow(
  db: Executor,
  userId: number,
  id: number,
  now: string,
): Promise<boolean> {
  if (!isRowId(id)) return false;
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The live token with this hash and its owner's id and status. */
export async function findLiveApiToken(db: Executor, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.scope',
      'api_tokens.last_used_at',
      'users.id as user_id',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchApiToken(db: Executor, id: number, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** A stored scope ('read', else 'write': tokens made before scopes existed could write). */
export function asScope(value: string): ApiTokenScope {
  return value === 'read' ? 'read' : 'write';
}
