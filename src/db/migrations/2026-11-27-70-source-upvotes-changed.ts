import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * When a source last changed the upvotes of an entry already on a list, so the incremental
 * trending recompute finds papers whose imported upvotes moved (null: never since it was added).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`alter table daily_entries add column upvotes_changed_at text`.execute(db);
  await sql`create index daily_entries_upvotes_changed on daily_entries (upvotes_changed_at)`.execute(
    db,
  );
}
