import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Vectors of a model by seq: catching up with what was stored since a high-water mark (every
 * start, every poll, every `folio search`) read all of a model's vectors and sorted them without
 * it (a fifth of a second at 75,000 papers).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index embeddings_model_seq on embeddings (model_id, seq)`.execute(db);
}
