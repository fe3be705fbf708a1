import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/** Importing a reference file matches papers by DOI, without case. */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index papers_doi on papers (lower(doi))`.execute(db);
}
