import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * Replies: `comments.parent_id` (nullable since the community tables were created) names the
 * top-level comment a reply belongs to; this index finds a comment's replies and tells whether a
 * deleted comment still has any.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index comments_parent on comments (parent_id, created_at)`.execute(db);
}
