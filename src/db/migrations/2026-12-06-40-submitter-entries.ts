import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/** A source user's submissions across every day (`/api/daily_papers?submitter=` with no date). */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index daily_entries_submitter_name on daily_entries (submitter_name, day)`.execute(
    db,
  );
}
