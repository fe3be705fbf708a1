import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { QueryTerm } from '../query-parser.ts';

/** Titles containing every word, the last one as a prefix (search-as-you-type). */
export async function suggestTitles(
  db: Db,
  terms: QueryTerm[],
  limit: number,
): Promise<{ id: string; title: string }[]> {
  if (terms.length === 0) return [];
  if (db.dialect === 'sqlite') {
    const expr = terms
      .map((t) => `title : "${t.word.replace(/"/g, '""')}"${t.prefix ? '*' : ''}`)
      .join(' AND ');
    const rows = await sql<{ id: string; title: string }>`
      select p.id, p.title from papers_fts f join papers p on p.pid = f.rowid
      where papers_fts match ${expr}
      order by bm25(papers_fts, 1.0, 0.0, 0.0), p.listing_date desc limit ${limit}`.execute(
      db.kysely,
    );
    return rows.rows;
  }
  const whole = terms.filter((t) => !t.prefix).map((t) => t.word);
  const prefixes = terms.filter((t) => t.prefix).map((t) => `'${t.word}':*A`);
  const rows = await sql<{ id: string; title: string }>`
    with q as (
      select (
        case when ${whole.join(' ')} = '' then null else plainto_tsquery('english', ${whole.join(' ')}) end
      ) as whole, nullif(${prefixes.join(' & ')}, '')::tsquery as pre
    )
    select p.id, p.title from papers p, q
    where p.search_vector @@ coalesce(q.whole && q.pre, q.whole, q.pre)
      and (q.whole is null or ts_filter(p.search_vector, '{a}') @@ q.whole)
    order by ts_rank(ts_filter(p.search_vector, '{a}'), coalesce(q.whole && q.pre, q.whole, q.pre)) desc,
      p.listing_date desc nulls last
    limit ${limit}`.execute(db.kysely);
  return rows.rows;
}
