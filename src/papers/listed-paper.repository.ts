import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ListedPaper } from '../domain/listed-paper.ts';
import type { Paper } from '../domain/paper.ts';
import { listedPaperFrom, type ListActivityRow } from './listed-paper.mapper.ts';
import { paperFromRow, type PaperRow } from './paper.mapper.ts';

interface ActivityRow extends ListActivityRow {
  github_repo: string | null;
}

/**
 * One paper with its list activity: upvotes (members' plus imported), comments, and the first
 * daily-list entry that put it on a list (submitter, when). Null for an unknown id.
 */
export async function findListedPaper(
  db: Db,
  id: string,
): Promise<(ListedPaper & { githubRepo: string | null }) | null> {
  const row = await db.kysely
    .selectFrom('papers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const { rows } = await sql<ActivityRow>`
    select e.day as entry_day, e.created_at as entry_created, e.submitted_by, e.submitter_name, e.submitter_fullname,
      e.submitter_avatar, u.name as member_name, e.github_repo, e.github_stars, e.featured,
      (select count(*) from votes v where v.paper_id = ${id})
        + coalesce((select max(source_upvotes) from daily_entries d where d.paper_id = ${id}), 0) as upvotes,
      (select count(*) from comments c where c.paper_id = ${id} and c.deleted_at is null and c.hidden = 0)
        + coalesce((select max(source_comments) from daily_entries d where d.paper_id = ${id}), 0) as num_comments
    from (select 1 as one) x
    left join daily_entries e on e.paper_id = ${id}
      and e.day = (select min(day) from daily_entries d where d.paper_id = ${id})
    left join users u on u.id = e.submitted_by
  `.execute(db.kysely);
  const activity = rows[0]!;
  return {
    ...listedPaperFrom(paperFromRow(row), row.created_at, activity),
    githubRepo: activity.github_repo,
  };
}

/** Where a page of all papers (newest listing day first) continues: the last paper's day and row. */
export interface PaperCursor {
  day: string;
  pid: number;
}

/** A page of every paper in the store, newest listing day first, continued by keyset (no offset scans). */
export async function listPapersPage(
  db: Db,
  options: { limit: number; after?: PaperCursor | null },
): Promise<{ papers: Paper[]; next: PaperCursor | null }> {
  let query = db.kysely
    .selectFrom('papers')
    .selectAll()
    .where('listing_date', 'is not', null)
    .orderBy('listing_date', 'desc')
    .orderBy('pid', 'desc')
    .limit(options.limit + 1);
  const after = options.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('listing_date', '<', after.day),
        eb.and([eb('listing_date', '=', after.day), eb('pid', '<', after.pid)]),
      ]),
    );
  const rows: PaperRow[] = await query.execute();
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    papers: page.map(paperFromRow),
    next: rows.length > options.limit && last ? { day: last.listing_date!, pid: last.pid } : null,
  };
}

/** The newest papers whose primary category is `category` (read through its index). */
export async function latestInCategory(db: Db, category: string, limit: number): Promise<Paper[]> {
  const rows: PaperRow[] = await db.kysely
    .selectFrom('papers')
    .selectAll()
    .where('primary_category', '=', category)
    .orderBy('listing_date', 'desc')
    .orderBy('pid', 'desc')
    .limit(limit)
    .execute();
  return rows.map(paperFromRow);
}
