import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/** What a personal API token may do: 'read', or 'write' (read and write). Existing tokens keep writing. */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`alter table api_tokens add column scope text not null default 'write'`.execute(db);
}
