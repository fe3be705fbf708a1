import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Counts one hit in a fixed window shared by every instance (the rate_limits table) and says
 * whether it is still within `max`. Old windows of the bucket are removed as it goes.
 */
export async function hitRateLimit(
  db: Db,
  bucket: string,
  windowMs: number,
  max: number,
  now: Date,
): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
  const { rows } = await sql<{ hits: number }>`
    insert into rate_limits (bucket, window_start, hits) values (${bucket}, ${windowStart}, 1)
    on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
    returning hits`.execute(db.kysely);
  const hits = Number(rows[0]?.hits ?? 1);
  if (hits === 1)
    await db.kysely
      .deleteFrom('rate_limits')
      .where('bucket', '=', bucket)
      .where('window_start', '<', windowStart)
      .execute();
  return hits <= max;
}
