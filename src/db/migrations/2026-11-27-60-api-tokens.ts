import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/** Listing a member's API tokens reads only theirs. */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index api_tokens_user on api_tokens (user_id, created_at)`.execute(db);
}
