import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * The active model by index: without it, finding the active model read every model row to its
 * end, and on SQLite a row's columns after the built-in model's ~18 MB of weights sit past all
 * of them (0.2 s for a query that wants the id and kind alone).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index embedding_models_status on embedding_models (status, activated_at)`.execute(
    db,
  );
}
