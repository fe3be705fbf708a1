import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ListedPaper, PaperCursor } from '../domain/listed-paper.ts';
import type { Paper } from '../domain/paper.ts';
import {
  ENTRY_DETAIL_COLUMNS,
  listedPaperFrom,
  type ListActivityRow,
} from './listed-paper.mapper.ts';
import { paperFromRow, type PaperRow } from './paper.mapper.ts';

/** A paper with its list activity and the code repository its first daily-list entry named. */
export type ActivePaper = ListedPaper;

interface ActivityRow extends ListActivityRow {
  paper_id: string;
  stored_at: string;
}

/**
 * One paper with its list activity: upvotes (members' plus imported), comments, and the first
 * daily-list entry that put it on a list (submitter, when). Null for an unknown id.
 */
export async function findListedPaper(db: Db, id: string): Promise<ActivePaper | null> {
  const row = await db.kysely
    .selectFrom('papers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return (await listedActivityFor(db, [paperFromRow(row)]))[0]!;
}

/**
 * The list activity of many papers in one query, in the order given: members' votes plus the
 * most upvotes a source reported, visible comments plus the most a source reported, and the
 * paper's first daily-list entry (submitter, when added, code repository). A paper with no
 * activity (or gone from the store meanwhile) gets zeros and no submitter.
 */
export async function listedActivityFor(db: Db, papers: readonly Paper[]): Promise<ActivePaper[]> {
  if (papers.length === 0) return [];
  const ids = sql.join([...new Set(papers.map((p) => p.id))]);
  const { rows } = await sql<ActivityRow>`
    with wanted as (select id, created_at from papers where id in (${ids})),
    entries as (
      select paper_id, min(day) as first_day, max(source_upvotes) as source_upvotes,
        max(source_comments) as source_comments
      from daily_entries where paper_id in (select id from wanted) group by paper_id
    ),
    member_votes as (
      select paper_id, count(*) as n from votes
      where paper_id in (select id from wanted) group by paper_id
    ),
    visible_comments as (
      select paper_id, count(*) as n from comments
      where paper_id in (select id from wanted) and deleted_at is null and hidden = 0
      group by paper_id
    )
    select w.id as paper_id, w.created_at as stored_at,
      e.day as entry_day, e.created_at as entry_created, e.listed_at as entry_listed_at,
      e.submitted_by, e.submitter_name, e.submitter_fullname, e.submitter_avatar,
      u.name as member_name, e.github_repo, e.github_stars, e.featured,
      ${sql.raw(ENTRY_DETAIL_COLUMNS.map((c) => `e.${c}`).join(', '))},
      coalesce(v.n, 0) + coalesce(s.source_upvotes, 0) as upvotes,
      coalesce(c.n, 0) + coalesce(s.source_comments, 0) as num_comments
    from wanted w
    left join entries s on s.paper_id = w.id
    left join daily_entries e on e.paper_id = w.id and e.day = s.first_day
    left join users u on u.id = e.submitted_by
    left join member_votes v on v.paper_id = w.id
    left join visible_comments c on c.paper_id = w.id
  `.execute(db.kysely);
  const byId = new Map(rows.map((r) => [r.paper_id, r]));
  return papers.map((paper) => {
    const row = byId.get(paper.id) ?? noActivity(paper);
    return listedPaperFrom(paper, row.stored_at, row);
  });
}

/** The activity row of a paper nothing has happened to. */
function noActivity(paper: Paper): ActivityRow {
  return {
    paper_id: paper.id,
    stored_at: '',
    entry_day: null,
    entry_created: null,
    entry_listed_at: null,
    submitted_by: null,
    submitter_name: null,
    submitter_fullname: null,
    submitter_avatar: null,
    member_name: null,
    organization_name: null,
    organization_fullname: null,
    organization_avatar: null,
    featured: null,
    github_stars: null,
    github_repo: null,
    thumbnail_url: null,
    media_urls: null,
    ai_summary: null,
    ai_keywords: null,
    upvotes: 0,
    num_comments: 0,
  };
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

/** Which of these papers the member has upvoted. */
export async function votedAmong(
  db: Db['kysely'],
  userId: number,
  paperIds: readonly string[],
): Promise<Set<string>> {
  if (paperIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('votes')
    .select('paper_id')
    .where('user_id', '=', userId)
    .where('paper_id', 'in', paperIds.slice(0, 1000))
    .execute();
  return new Set(rows.map((r) => r.paper_id));
}
