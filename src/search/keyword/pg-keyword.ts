import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../../db/schema.ts';
import type { PaperRow } from '../../papers/paper.mapper.ts';
import type { ParsedQuery } from '../query-parser.ts';
import { filterSql } from './filter-sql.ts';
import { BM25, type KeywordRequest, type KeywordRows } from './keyword.types.ts';

/** Paper columns without the tsvector, which callers never need. */
export const PAPER_COLUMNS = sql.raw(
  [
    'pid',
    'id',
    'version',
    'title',
    'abstract',
    'authors',
    'categories',
    'primary_category',
    'published_at',
    'updated_at',
    'listing_date',
    'comment',
    'journal_ref',
    'doi',
    'license',
    'code_repo',
    'project_page',
    'versions',
    'created_at',
    'modified_at',
  ]
    .map((c) => `p.${c}`)
    .join(', '),
);

/** Accented letters and what they fold to, one for one (as NFKD without marks leaves them). */
const ACCENTED = 'àáâãäåāăąçćčďèéêëēėęěìíîïīįıñńňòóôõöøōőùúûüūůűųýÿžźżšśşťłđ';
const PLAIN = 'aaaaaaaaacccdeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzssstld';
/** The authors in lower case without accents, for matching names typed without them. */
const FOLDED_AUTHORS = sql`translate(lower(p.authors), ${sql.lit(ACCENTED)}, ${sql.lit(PLAIN)})`;

/** Required parts of a query besides its ranked terms: phrases, authors, excluded words. */
function requiredSql(q: ParsedQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  for (const phrase of q.phrases)
    parts.push(sql`p.search_vector @@ phraseto_tsquery('english', ${phrase.join(' ')})`);
  for (const name of q.authors) {
    // Candidates only: any name word of two or more letters (an initial alone, as a prefix);
    // names are matched unstemmed afterwards (author-match.ts). Words hold letters and digits.
    const full = name.filter((w) => w.length > 1);
    const names = full.length > 0 ? full.join(' | ') : name.map((w) => `${w}:*`).join(' | ');
    // The first test uses the GIN index; ts_filter keeps it to author lexemes (weight C). The
    // lexemes keep accents, so a name typed without them ("Muller") is also looked for in the
    // authors folded as author-match.ts folds them ("Müller" → muller).
    const folded = sql.join(
      full.map((w) => sql`${FOLDED_AUTHORS} like ${`%${w}%`}`),
      sql` and `,
    );
    parts.push(sql`((p.search_vector @@ to_tsquery('simple', ${names})
      and ts_filter(p.search_vector, '{c}') @@ to_tsquery('simple', ${names}))${
        full.length > 0 ? sql` or (${folded})` : sql``
      })`);
  }
  for (const word of q.excluded)
    parts.push(sql`not (p.search_vector @@ plainto_tsquery('english', ${word}))`);
  return parts.length === 0 ? sql`1 = 1` : sql.join(parts, sql` and `);
}

/**
 * Keyword search on PostgreSQL: BM25 computed in SQL from the tsvector's positions and weights
 * (A title, B abstract, C authors) and the term statistics the triggers keep, with the same
 * formula, parameters and column weights as FTS5's bm25(), so both dialects rank alike.
 */
export async function pgSearch(db: Kysely<Schema>, req: KeywordRequest): Promise<KeywordRows> {
  const q = req.query;
  const cols =
    req.columns === 'rank' ? sql`p.pid, p.authors, p.listing_date, p.published_at` : PAPER_COLUMNS;
  const where = filterSql('postgres', req.filters, q.hasCode);
  const required = requiredSql(q);
  if (q.terms.length === 0) {
    const rows = await sql<PaperRow & { score: number; total: string }>`
      select ${cols}, 0 as score, count(*) over () as total from papers p
      where ${where} and ${required}
      order by p.listing_date desc nulls last, p.pid desc limit ${req.limit} offset ${req.offset}`.execute(
      db,
    );
    return { rows: rows.rows, total: Number(rows.rows[0]?.total ?? 0) };
  }
  const words = q.terms.map((t) => t.word);
  const prefix = q.terms.map((t) => t.prefix);
  const order =
    req.sort === 'date'
      ? sql`coalesce(p.listing_date, p.published_at) desc nulls last, s.score desc, p.pid desc`
      : sql`s.score desc, p.pid desc`;
  const result = await sql<PaperRow & { score: number; total: string }>`
    with qtok as (
      select * from unnest(${words}::text[], ${prefix}::boolean[]) as x(tok, pre)
    ),
    qlex as (
      select v.lexeme from qtok, unnest(to_tsvector('english', qtok.tok)) v where not qtok.pre
      union
      select v.lexeme from qtok, unnest(to_tsvector('simple', qtok.tok)) v where not qtok.pre
      union
      select e.lexeme from qtok, lateral (
        select t.lexeme from search_terms t
        where t.df > 0 and t.lexeme like (coalesce(
          (select v.lexeme from unnest(to_tsvector('english', qtok.tok)) v limit 1), qtok.tok) || '%')
        order by t.df desc limit 16
      ) e where qtok.pre
    ),
    tot as (
      select docs::float8 as docs, greatest(len::float8 / greatest(docs, 1), 1) as avgdl
      from search_totals where id = 1
    ),
    qstat as (
      select t.lexeme, greatest(ln((tot.docs - t.df + 0.5) / (t.df + 0.5)), 1e-6) as idf
      from search_terms t, tot where t.lexeme in (select lexeme from qlex) and t.df > 0
    ),
    cand as (
      select p.pid, p.search_vector from papers p
      where p.search_vector @@ (
        select string_agg('''' || replace(lexeme, '''', '''''') || '''', ' | ')::tsquery from qstat
      ) and ${required} and ${where}
    ),
    tf as (
      select c.pid, q.idf, (
        select ${BM25.title}::float8 * count(*) filter (where w = 'A')
             + ${BM25.abstract}::float8 * count(*) filter (where w = 'B')
             + ${BM25.authors}::float8 * count(*) filter (where w = 'C')
        from unnest(u.weights) w
      ) as tfw
      from cand c cross join lateral unnest(c.search_vector) u join qstat q on q.lexeme = u.lexeme
    ),
    s as (
      select tf.pid, sum(tf.idf * tf.tfw * ${BM25.k1 + 1}::float8
        / (tf.tfw + ${BM25.k1}::float8 * (1 - ${BM25.b}::float8 + ${BM25.b}::float8 * d.len / tot.avgdl))) as score
      from tf join search_docs d on d.pid = tf.pid, tot group by tf.pid
    )
    select ${cols}, s.score, count(*) over () as total
    from s join papers p on p.pid = s.pid
    order by ${order} limit ${req.limit} offset ${req.offset}`.execute(db);
  let total = Number(result.rows[0]?.total ?? 0);
  if (result.rows.length === 0 && req.offset > 0) total = req.offset;
  return { rows: result.rows, total };
}
