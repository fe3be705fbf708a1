import os from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { RUNNING } from './tick-claims.ts';

/**
 * Runs `fn` only if no other instance or process is running the job of this name. On
 * PostgreSQL this is a session advisory lock held for the run (released by the server if the
 * instance dies); on SQLite a row in job_ticks that every process on the machine sees, taken
 * over when the process that holds it is gone. Returns false when the job was skipped.
 */
export async function withJobLock(db: Db, name: string, fn: () => Promise<void>): Promise<boolean> {
  if (db.dialect === 'sqlite') return withSqliteLock(db, name, fn);
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

const HOLDER = `${os.hostname()}:${process.pid}`;

async function withSqliteLock(db: Db, name: string, fn: () => Promise<void>): Promise<boolean> {
  const taken = await db.kysely.transaction().execute(async (trx) => {
    const holder = await trx
      .selectFrom('job_ticks')
      .select('instance')
      .where('job', '=', name)
      .where('tick', '=', RUNNING)
      .executeTakeFirst();
    if (holder && alive(holder.instance)) return false;
    await trx.deleteFrom('job_ticks').where('job', '=', name).where('tick', '=', RUNNING).execute();
    await trx
      .insertInto('job_ticks')
      .values({ job: name, tick: RUNNING, instance: HOLDER, claimed_at: new Date().toISOString() })
      .execute();
    return true;
  });
  if (!taken) return false;
  try {
    await fn();
    return true;
  } finally {
    await db.kysely
      .deleteFrom('job_ticks')
      .where('job', '=', name)
      .where('tick', '=', RUNNING)
      .where('instance', '=', HOLDER)
      .execute();
  }
}

/** Whether the process named `host:pid` still runs (a SQLite store is shared on one machine). */
function alive(instance: string): boolean {
  const [host, pid] = instance.split(':');
  if (host !== os.hostname()) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A stable 31-bit key for a job name. */
function lockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const ch of name) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x7fffffff;
}
