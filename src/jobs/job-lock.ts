import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Runs `fn` only if no other instance is running the job of this name. On PostgreSQL this is a
 * session advisory lock held for the run; an embedded SQLite store has one process, so an
 * in-process flag suffices. Returns false when the job was skipped.
 */
export async function withJobLock(db: Db, name: string, fn: () => Promise<void>): Promise<boolean> {
  if (db.dialect === 'sqlite') {
    if (running.has(name)) return false;
    running.add(name);
    try {
      await fn();
      return true;
    } finally {
      running.delete(name);
    }
  }
  const key = lockKey(name);
  // Advisory locks belong to a connection: take, use and release on one pinned connection.
  return db.kysely.connection().execute(async (conn) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn);
    if (!rows[0]?.locked) return false;
    try {
      await fn();
      return true;
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

const running = new Set<string>();

/** A stable 31-bit key for a job name. */
function lockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const ch of name) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x7fffffff;
}
