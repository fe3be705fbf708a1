import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Scheduled ticks claimed by the instance that runs them: the primary key lets exactly one
 * instance (or process) claim a job's tick, so each tick runs once across the fleet.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create table job_ticks (
    job text not null,
    tick text not null,
    instance text not null,
    claimed_at text not null,
    finished_at text,
    outcome text,
    primary key (job, tick)
  )`.execute(db);
}
