import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/** Papers by modification time, so the in-process search index polls for changes cheaply. */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index papers_modified_at on papers (modified_at, pid)`.execute(db);
}
