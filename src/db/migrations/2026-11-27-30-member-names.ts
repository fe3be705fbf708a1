import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/** Member names are their profile addresses (/users/NAME), so no two members share one. */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create unique index users_name on users (name)`.execute(db);
  await sql`create index daily_entries_submitted_by on daily_entries (submitted_by, created_at)`.execute(
    db,
  );
  await sql`create index votes_user on votes (user_id, created_at)`.execute(db);
}
