import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';

/** A limit: at most `max` actions per `windowSeconds` per key. */
export interface RateLimit {
  name: string;
  max: number;
  windowSeconds: number;
}

/** The limits on member actions and sign-in mail. */
export const LIMITS = {
  vote: { name: 'vote', max: 120, windowSeconds: 60 },
  comment: { name: 'comment', max: 10, windowSeconds: 600 },
  submission: { name: 'submit', max: 10, windowSeconds: 3600 },
  signInEmail: { name: 'sign-in-email', max: 5, windowSeconds: 3600 },
  signInAddress: { name: 'sign-in-ip', max: 20, windowSeconds: 3600 },
  /** Other writes with a personal token (library changes, by the API or MCP), per member. */
  apiWrite: { name: 'api-write', max: 60, windowSeconds: 60 },
} satisfies Record<string, RateLimit>;

/**
 * Counts one hit on `key` in the store (so every instance shares the count) and throws a 429
 * with Retry-After when the window's budget is spent.
 */
export async function hitRateLimit(
  db: Db,
  clock: Clock,
  limit: RateLimit,
  key: string,
): Promise<void> {
  const now = clock.now().getTime();
  const windowMs = limit.windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  const bucket = `${limit.name}:${key}`.slice(0, 300);
  const { rows } = await sql<{ hits: number | string }>`
    insert into rate_limits (bucket, window_start, hits)
    values (${bucket}, ${new Date(start).toISOString()}, 1)
    on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
    returning hits`.execute(db.kysely);
  const hits = Number(rows[0]?.hits ?? 1);
  // Old windows are dead weight; a few requests clear them out as they pass.
  if (hits === 1 && Math.random() < 0.05)
    await db.kysely
      .deleteFrom('rate_limits')
      .where('window_start', '<', new Date(now - 86_400_000).toISOString())
      .execute();
  if (hits > limit.max) {
    const retryAfter = Math.max(1, Math.ceil((start + windowMs - now) / 1000));
    throw new AppError(
      429,
      'rate_limited',
      `Too many attempts. Try again in ${retryAfter < 120 ? `${retryAfter} seconds` : `${Math.ceil(retryAfter / 60)} minutes`}.`,
      { retryAfter },
    );
  }
}
