import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Papers with these DOIs (compared without case), as DOI → paper id. */
export async function papersWithDois(
  db: Db,
  dois: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = [...new Set(dois.map((d) => d.toLowerCase()))];
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db.kysely
      .selectFrom('papers')
      .select(['id', 'doi'])
      .where(sql<string>`lower(doi)`, 'in', wanted.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.doi) out.set(r.doi.toLowerCase(), r.id);
  }
  return out;
}
