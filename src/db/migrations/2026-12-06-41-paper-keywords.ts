import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Key phrases extracted from each paper's title and abstract (a JSON array of strings, best
 * first); null until extracted. A column, not a table, so every list query reads them with the
 * paper at no extra cost.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`alter table papers add column keywords text`.execute(db);
}
