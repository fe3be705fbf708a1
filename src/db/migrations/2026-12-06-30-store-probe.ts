import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * One row per serving instance, rewritten by each readiness check: a real write proves the
 * store is writable (not read-only, not out of space) without touching anyone's data.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create table store_probe (instance text primary key, checked_at text not null)`.execute(
    db,
  );
}
