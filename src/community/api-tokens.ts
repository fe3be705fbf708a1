import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError, badRequest, notFound } from '../domain/errors.ts';
import {
  findLiveApiToken,
  insertApiToken,
  liveApiTokens,
  revokeApiTokenRow,
  touchApiToken,
  asScope,
  type ApiTokenRecord,
  type ApiTokenScope,
} from './api-token.repository.ts';
import { hashToken, randomToken } from '../security/signing.ts';
import { findUserById } from './user.repository.ts';
import { requireActive } from './user.service.ts';
import type { User } from './user.ts';

export type { ApiTokenRecord, ApiTokenScope };

/**
 * A token's scope as the site form, the API and the CLI take it: `read` (read only) or `write`
 * (read and write). Left out, a token can write, as every token could before scopes existed.
 */
export const apiTokenScopeSchema = z.enum(['read', 'write']).default('write');

/** Personal API tokens start with this, so a leaked one is recognisable (and scannable). */
export const API_TOKEN_PREFIX = 'folio_';
export const API_TOKEN_NAME_MAX = 60;
export const API_TOKENS_PER_MEMBER = 20;

/**
 * Creates a personal API token for an active member. The token is returned once, here; the
 * store keeps only its SHA-256 hash.
 */
export async function createApiToken(
  db: Db,
  clock: Clock,
  user: User | null,
  nameInput: unknown,
  scopeInput?: unknown,
): Promise<{ token: string; record: ApiTokenRecord }> {
  const member = requireActive(user);
  const scope = apiTokenScopeSchema.safeParse(scopeInput === '' ? undefined : scopeInput);
  if (!scope.success)
    throw badRequest(
      'invalid_token_scope',
      'Choose the scope "read" or "write" (read and write).',
      {
        errors: [{ field: 'scope', message: 'read or write' }],
      },
    );
  const name = typeof nameInput === 'string' ? nameInput.replace(/\s+/g, ' ').trim() : '';
  if (name.length === 0 || name.length > API_TOKEN_NAME_MAX)
    throw badRequest(
      'invalid_token_name',
      `Name the token in 1 to ${API_TOKEN_NAME_MAX} characters.`,
      {
        errors: [{ field: 'name', message: `1 to ${API_TOKEN_NAME_MAX} characters` }],
      },
    );
  if ((await liveApiTokens(db.kysely, member.id)).length >= API_TOKENS_PER_MEMBER)
    throw new AppError(
      409,
      'too_many_tokens',
      `You have ${API_TOKENS_PER_MEMBER} tokens; revoke one first.`,
    );
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const now = clock.now().toISOString();
  const id = await insertApiToken(db.kysely, {
    userId: member.id,
    name,
    scope: scope.data,
    tokenHash: hashToken(token),
    now,
  });
  return {
    token,
    record: { id, userId: member.id, name, scope: scope.data, createdAt: now, lastUsedAt: null },
  };
}

/** A member's live tokens (names and dates only; the tokens themselves are never kept). */
export async function listApiTokens(db: Db, user: User): Promise<ApiTokenRecord[]> {
  return liveApiTokens(db.kysely, user.id);
}

/** Revokes one of the member's tokens; 404 when there is no such live token of theirs. */
export async function revokeApiToken(
  db: Db,
  clock: Clock,
  user: User | null,
  id: number,
): Promise<void> {
  const member = requireActive(user);
  if (!(await revokeApiTokenRow(db.kysely, member.id, id, clock.now().toISOString())))
    throw notFound('There is no such token.');
}

/** The member behind a token and what the token lets them do. */
export interface ApiTokenAccess {
  user: User;
  scope: ApiTokenScope;
}

/** The active member a bearer token belongs to, or null for an unknown, revoked or malformed token. */
export async function authenticateApiToken(
  db: Db,
  clock: Clock,
  token: string,
): Promise<User | null> {
  return (await authenticateApiTokenAccess(db, clock, token))?.user ?? null;
}

/** Like `authenticateApiToken`, with the token's scope (anything but 'read' counts as 'write'). */
export async function authenticateApiTokenAccess(
  db: Db,
  clock: Clock,
  token: string,
): Promise<ApiTokenAccess | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) return null;
  const row = await findLiveApiToken(db.kysely, hashToken(token));
  if (!row) return null;
  const user = await findUserById(db.kysely, row.user_id);
  if (!user || user.status !== 'active') return null;
  const now = clock.now();
  // Record use at most once a minute, so busy scripts don't turn reads into writes.
  if (!row.last_used_at || Date.parse(row.last_used_at) < now.getTime() - 60_000)
    await touchApiToken(db.kysely, row.token_id, now.toISOString());
  return { user, scope: asScope(row.scope) };
}

/** Refuses a write made with a read-only token (403 `token_read_only`). */
export function requireWriteScope(access: ApiTokenAccess): User {
  if (access.scope !== 'write')
    throw new AppError(
      403,
      'token_read_only',
      'This API token can only read. Create a token with the "read and write" scope at /account/tokens to vote, comment, submit or change your library.',
    );
  return access.user;
}
