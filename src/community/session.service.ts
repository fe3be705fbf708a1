import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { deleteSession, findLiveSession, insertSession } from './session.repository.ts';
import { hashToken, randomToken } from '../security/signing.ts';
import { touchUser } from './user.repository.ts';
import type { Role, User } from './user.ts';

export const SESSION_DAYS = 30;

/** A signed-in visitor: the member and the session's CSRF token. */
export interface Session {
  user: User;
  csrf: string;
}

/** Starts a session; returns the token for the cookie (only its hash is stored). */
export async function startSession(
  db: Db,
  clock: Clock,
  userId: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await insertSession(db.kysely, {
    tokenHash: hashToken(token),
    userId,
    csrf: randomToken(),
    now: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { token, expiresAt };
}

/** The session a cookie token names, if it is live. */
export async function readSession(db: Db, clock: Clock, token: string): Promise<Session | null> {
  if (token.length < 20 || token.length > 100) return null;
  const now = clock.now();
  const row = await findLiveSession(db.kysely, hashToken(token), now.toISOString());
  if (!row) return null;
  // Remember when members were last seen, at most hourly, so reads stay cheap.
  if (!row.last_seen_at || Date.parse(row.last_seen_at) < now.getTime() - 3_600_000)
    await touchUser(db.kysely, row.id, now.toISOString());
  return {
    csrf: row.csrf_token,
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role as Role,
      status: row.status === 'suspended' ? 'suspended' : 'active',
      createdAt: row.created_at,
    },
  };
}

export async function endSession(db: Db, token: string): Promise<void> {
  await deleteSession(db.kysely, hashToken(token));
}
