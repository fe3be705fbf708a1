import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * The day a paper belongs to on date, week and month pages: its arXiv listing day, or, for
 * papers that arrived without a listing (bulk imports, OAI-PMH, the query API), the UTC day of
 * its first version. Kept as a column with its own index so period pages read only their rows.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`alter table papers add column list_day text`.execute(db);
  await sql`update papers set list_day = coalesce(listing_date, substr(published_at, 1, 10))`.execute(
    db,
  );
  await sql`create index papers_list_day on papers (list_day, pid)`.execute(db);
}
