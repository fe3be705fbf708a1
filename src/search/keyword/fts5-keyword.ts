import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { PaperRow } from '../../papers/paper.mapper.ts';
import type { ParsedQuery, QueryTerm } from '../query-parser.ts';
import { filterSql } from './filter-sql.ts';
import { BM25, type KeywordRequest, type KeywordRows } from './keyword.types.ts';

/** Totals past this are reported as this many (pages stop at offset 10,000). */
export const COUNT_CAP = 10_100;

/** An FTS5 string literal; our words hold letters and digits only, quotes are doubled anyway. */
const quote = (word: string) => `"${word.replace(/"/g, '""')}"`;
const termExpr = (t: QueryTerm) => (t.prefix ? `${quote(t.word)}*` : quote(t.word));

/**
 * The FTS5 MATCH expression for a parsed query, built from our own words only (never from the
 * raw text): any term (OR, ranked by BM25) and every phrase and author, minus excluded words.
 * Null when the query has nothing to match on.
 */
export function fts5Expression(q: ParsedQuery): string | null {
  const required: string[] = [];
  if (q.terms.length > 0) required.push(`(${q.terms.map(termExpr).join(' OR ')})`);
  for (const phrase of q.phrases) required.push(quote(phrase.join(' ')));
  // Authors are matched unstemmed afterwards (author-match.ts); here any name word of two or
  // more letters finds candidates (an initial alone, any word beginning with it).
  for (const name of q.authors) required.push(`authors : (${authorWords(name).join(' OR ')})`);
  if (required.length === 0) return null;
  let expr = required.join(' AND ');
  for (const word of q.excluded) expr = `(${expr}) NOT ${quote(word)}`;
  return expr;
}

/** FTS5 terms that find candidates for one `author:` name. */
function authorWords(name: string[]): string[] {
  const full = name.filter((w) => w.length > 1).map(quote);
  return full.length > 0 ? full : name.map((w) => `${quote(w)}*`);
}

/** Paper columns read: whole rows, or what ranking needs (pid, authors, days). */
function columnsOf(req: KeywordRequest) {
  return req.columns === 'rank' ? sql`p.pid, p.authors, p.listing_date, p.published_at` : sql`p.*`;
}

/** Keyword search on SQLite: FTS5 bm25() with title weighted above abstract and authors. */
export async function fts5Search(db: Kysely<Schema>, req: KeywordRequest): Promise<KeywordRows> {
  const match = fts5Expression(req.query);
  const cols = columnsOf(req);
  const where = filterSql('sqlite', req.filters, req.query.hasCode);
  if (!match) return filterOnly(db, req);
  const order =
    req.sort === 'date'
      ? sql`coalesce(p.listing_date, p.published_at) desc, score desc, p.pid desc`
      : sql`score desc, p.pid desc`;
  const bm25 = sql`-bm25(papers_fts, ${BM25.title}, ${BM25.abstract}, ${BM25.authors})`;
  const unfiltered = !hasFilters(req) && req.sort === 'relevance';
  // Without filters the ranking runs on the FTS table alone and only the page joins papers;
  // joining first would read every matching paper's row before sorting.
  const result = unfiltered
    ? await sql<PaperRow & { score: number }>`
        select ${cols}, r.score from (
          select rowid, ${bm25} as score from papers_fts where papers_fts match ${match}
          order by score desc, rowid desc limit ${req.limit} offset ${req.offset}
        ) r join papers p on p.pid = r.rowid order by r.score desc, p.pid desc`.execute(db)
    : await sql<PaperRow & { score: number }>`
        select ${cols}, ${bm25} as score
        from papers_fts f join papers p on p.pid = f.rowid
        where papers_fts match ${match} and ${where}
        order by ${order}
        limit ${req.limit} offset ${req.offset}`.execute(db);
  const rows = result.rows;
  let total = req.offset + rows.length;
  const needCount = rows.length === req.limit || (rows.length === 0 && req.offset > 0);
  if (needCount && req.exactTotal !== false) {
    // Counting stops at the deepest page anyone can reach: unranked matches come in rowid
    // order, so a capped count costs a fraction of ranking them all.
    const count = await sql<{ n: number }>`
      select count(*) as n from (
        select f.rowid from papers_fts f join papers p on p.pid = f.rowid
        where papers_fts match ${match} and ${where} limit ${COUNT_CAP}
      )`.execute(db);
    total = Number(count.rows[0]?.n ?? total);
  }
  return { rows, total };
}

/** Filters with no words (e.g. `cat:cs.CL has:code`): newest first. */
async function filterOnly(db: Kysely<Schema>, req: KeywordRequest): Promise<KeywordRows> {
  const where = filterSql('sqlite', req.filters, req.query.hasCode);
  const rows = await sql<PaperRow & { score: number }>`
    select ${columnsOf(req)}, 0 as score from papers p where ${where}
    order by p.listing_date desc, p.pid desc limit ${req.limit} offset ${req.offset}`.execute(db);
  const count = await sql<{ n: number }>`select count(*) as n from papers p where ${where}`.execute(
    db,
  );
  return { rows: rows.rows, total: Number(count.rows[0]?.n ?? 0) };
}

function hasFilters(req: KeywordRequest): boolean {
  const f = req.filters;
  return Boolean(
    f.from || f.to || f.categories.length > 0 || f.hasCode || f.pids || req.query.hasCode,
  );
}
