import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { PapersTable } from '../db/schema.ts';
import type { Paper } from '../domain/paper.ts';
import { paperFromRow, type PaperRow } from './paper.mapper.ts';

type Executor = Db['kysely'];

/** Papers with these ids (unknown ids are absent from the result). */
export async function findPapersByIds(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, Paper>> {
  const found = new Map<string, Paper>();
  // Chunked so that the number of bound parameters stays far below every driver's limit.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('papers')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.id, paperFromRow(row));
  }
  return found;
}

export async function findPaper(db: Executor, id: string): Promise<Paper | null> {
  const row = await db.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? paperFromRow(row) : null;
}

// Rows per insert statement: large statements keep round trips and statement-level triggers
// (PostgreSQL's search statistics) few, while 19 parameters a row stay far below each driver's
// limit (32,766 in SQLite, 65,535 in PostgreSQL).
const WRITE_CHUNK = 1000;

/** Inserts or replaces whole papers by id. */
export async function writePapers(
  db: Executor,
  papers: readonly Paper[],
  now: string,
): Promise<void> {
  for (let i = 0; i < papers.length; i += WRITE_CHUNK) {
    const rows = papers.slice(i, i + WRITE_CHUNK).map((p) => toRow(p, now));
    await db
      .insertInto('papers')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          version: eb.ref('excluded.version'),
          title: eb.ref('excluded.title'),
          abstract: eb.ref('excluded.abstract'),
          authors: eb.ref('excluded.authors'),
          categories: eb.ref('excluded.categories'),
          primary_category: eb.ref('excluded.primary_category'),
          published_at: eb.ref('excluded.published_at'),
          updated_at: eb.ref('excluded.updated_at'),
          listing_date: eb.ref('excluded.listing_date'),
          list_day: eb.ref('excluded.list_day'),
          comment: eb.ref('excluded.comment'),
          journal_ref: eb.ref('excluded.journal_ref'),
          doi: eb.ref('excluded.doi'),
          license: eb.ref('excluded.license'),
          code_repo: eb.ref('excluded.code_repo'),
          project_page: eb.ref('excluded.project_page'),
          versions: eb.ref('excluded.versions'),
          modified_at: eb.ref('excluded.modified_at'),
        })),
      )
      .execute();
  }
}

function toRow(p: Paper, now: string): Insertable<PapersTable> {
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    abstract: p.abstract,
    authors: JSON.stringify(p.authors),
    categories: JSON.stringify(p.categories),
    primary_category: p.categories[0] ?? null,
    published_at: p.publishedAt,
    updated_at: p.updatedAt,
    listing_date: p.listingDate,
    list_day: listDayOf(p),
    comment: p.comment,
    journal_ref: p.journalRef,
    doi: p.doi,
    license: p.license,
    code_repo: p.codeRepo,
    project_page: p.projectPage,
    versions: JSON.stringify(p.versions),
    created_at: now,
    modified_at: now,
  };
}

/** The day period pages list a paper on: its listing day, else its first version's UTC day. */
export function listDayOf(p: Pick<Paper, 'listingDate' | 'publishedAt'>): string | null {
  return p.listingDate ?? p.publishedAt?.slice(0, 10) ?? null;
}

export async function countPapers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The most recent day with a list: the latest day papers are listed on (arXiv's listing day or
 * their first version's) or were put on a daily list; null for an empty store. The home page,
 * the daily feed, the API and the CLI all mean this day by "latest".
 */
export async function latestListingDate(db: Executor): Promise<string | null> {
  const [listed, entered] = await Promise.all([
    db
      .selectFrom('papers')
      .select((eb) => eb.fn.max('list_day').as('d'))
      .executeTakeFirst(),
    db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.max('day').as('d'))
      .executeTakeFirst(),
  ]);
  const days = [listed?.d, entered?.d].filter((d): d is string => typeof d === 'string');
  return days.length ? days.sort().at(-1)! : null;
}

/** Papers listed on days from `from` to `to` inclusive, newest day first. */
export async function listByListingDays(
  db: Executor,
  from: string,
  to: string,
  limit: number,
  offset = 0,
): Promise<Paper[]> {
  const rows: PaperRow[] = await db
    .selectFrom('papers')
    .selectAll()
    .where('list_day', '>=', from)
    .where('list_day', '<=', to)
    .orderBy('list_day', 'desc')
    .orderBy('pid', 'asc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(paperFromRow);
}

/** The listing day before and after `day` that has papers. */
export async function neighbourDays(
  db: Executor,
  day: string,
): Promise<{ previous: string | null; next: string | null }> {
  const [prev, next] = await Promise.all([
    db
      .selectFrom('papers')
      .select((eb) => eb.fn.max('list_day').as('d'))
      .where('list_day', '<', day)
      .executeTakeFirst(),
    db
      .selectFrom('papers')
      .select((eb) => eb.fn.min('list_day').as('d'))
      .where('list_day', '>', day)
      .executeTakeFirst(),
  ]);
  return { previous: (prev?.d as string | null) ?? null, next: (next?.d as string | null) ?? null };
}

/** Runs `fn` in one transaction on either dialect. */
export function inTransaction<T>(db: Db, fn: (trx: Executor) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute((trx) => fn(trx as unknown as Executor));
}
