import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

/**
 * What a source says about a paper on its daily list beyond counts: when it was put on the list
 * (not when Folio read it), the organization it was submitted for, its project page, media and
 * thumbnail, and the source's generated summary and keywords (JSON arrays kept as text).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  for (const column of [
    'listed_at',
    'organization_name',
    'organization_fullname',
    'organization_avatar',
    'project_page',
    'thumbnail_url',
    'media_urls',
    'ai_summary',
    'ai_keywords',
  ])
    await sql`alter table daily_entries add column ${sql.ref(column)} text`.execute(db);
}
