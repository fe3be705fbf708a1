import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** A paper's text for key-phrase extraction. */
export interface PaperText {
  pid: number;
  id: string;
  title: string;
  abstract: string;
  hasKeywords: boolean;
}

/** Up to `limit` papers after `afterPid`, in pid order (a whole-store pass reads page by page). */
export async function readPaperTexts(
  db: Db,
  afterPid: number,
  limit: number,
): Promise<PaperText[]> {
  const rows = await db.kysely
    .selectFrom('papers')
    .select(['pid', 'id', 'title', 'abstract', 'keywords'])
    .where('pid', '>', afterPid)
    .orderBy('pid')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    pid: Number(r.pid),
    id: r.id,
    title: r.title,
    abstract: r.abstract,
    hasKeywords: r.keywords !== null,
  }));
}

/** Stores papers' extracted key phrases in one transaction. */
export async function writeKeywords(
  db: Db,
  rows: readonly { id: string; keywords: string[] }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.kysely.transaction().execute(async (trx) => {
    for (const row of rows)
      await trx
        .updateTable('papers')
        .set({ keywords: JSON.stringify(row.keywords) })
        .where('id', '=', row.id)
        .execute();
  });
}

/** How many papers have no extracted key phrases yet. */
export async function countWithoutKeywords(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from papers where keywords is null`.execute(db.kysely);
  return Number(rows[0]?.n ?? 0);
}

/** The keywords of some papers: the source's (Hugging Face's) where given, else the extracted. */
export async function keywordsOfPapers(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const rows = await db.kysely
    .selectFrom('papers as p')
    .select([
      'p.id',
      'p.keywords',
      (eb) =>
        eb
          .selectFrom('daily_entries as e')
          .select((e) => e.fn.max('e.ai_keywords').as('k'))
          .whereRef('e.paper_id', '=', 'p.id')
          .as('ai_keywords'),
    ])
    .where('p.id', 'in', [...ids])
    .execute();
  for (const row of rows) {
    const ai = parseList(row.ai_keywords as string | null);
    out.set(row.id, ai.length > 0 ? ai : parseList(row.keywords));
  }
  return out;
}

function parseList(text: string | null): string[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
