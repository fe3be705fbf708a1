import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ListedPaper } from '../domain/listed-paper.ts';
import type { Period } from '../domain/periods.ts';
import {
  ENTRY_DETAIL_COLUMNS,
  listedPaperFrom,
  type ListActivityRow,
} from './listed-paper.mapper.ts';
import { paperFromRow, type PaperRow } from './paper.mapper.ts';

/**
 * Which papers of a period: `curated` — those members, curators or a source (Hugging Face) put
 * on one of its days; `arxiv` — the rest of the period's papers (arXiv's announcements, and
 * papers whose first version falls in it); `all` — both.
 */
export type ListSection = 'curated' | 'arxiv' | 'all';

export interface ListFilters {
  section?: ListSection;
  /** An arXiv category, matched among all of a paper's categories (checked by the caller). */
  category?: string;
  /** Only papers that link a code repository. */
  hasCode?: boolean;
}

export interface ListOptions extends ListFilters {
  limit: number;
  offset?: number;
  /** `upvotes` (the list order: upvotes, then when added) or `published` (newest first). */
  sort?: 'upvotes' | 'published';
  /** Only papers submitted by this member or source user name. */
  submitter?: string;
}

type ListRow = PaperRow & ListActivityRow;

/** The ids of a period's papers in a section, as a subquery with one `paper_id` column. */
function sectionIds(period: Period, section: ListSection): RawBuilder<unknown> {
  const entered = sql`select paper_id from daily_entries where day >= ${period.from} and day <= ${period.to}`;
  const listed = sql`select id as paper_id from papers where list_day >= ${period.from} and list_day <= ${period.to}`;
  if (section === 'curated')
    return sql`select distinct paper_id from daily_entries where day >= ${period.from} and day <= ${period.to}`;
  if (section === 'arxiv') return sql`${listed} except ${entered}`;
  return sql`${listed} union ${entered}`;
}

function paperFilters(f: ListFilters): RawBuilder<unknown> {
  // Categories are stored as a JSON array; the caller has checked the name has no wildcards.
  const category = f.category ? sql`and p.categories like ${`%"${f.category}"%`}` : sql``;
  const code = f.hasCode ? sql`and (p.code_repo is not null or e.github_repo is not null)` : sql``;
  return sql`${category} ${code}`;
}

/**
 * The papers on a day's, week's or month's list (by default both sections: see ListSection).
 * Reads only the period's rows through indexes.
 */
export async function listPeriod(
  db: Db,
  period: Period,
  options: ListOptions,
): Promise<ListedPaper[]> {
  const order =
    options.sort === 'published'
      ? sql`coalesce(p.published_at, p.listing_date) desc, p.pid desc`
      : sql`coalesce(e.featured, 0) desc, upvotes desc, added_at asc, p.pid asc`;
  const submitterFilter = options.submitter
    ? sql`and (e.submitter_name = ${options.submitter} or u.name = ${options.submitter})`
    : sql``;
  const { rows } = await sql<ListRow>`
    select p.*,
      e.day as entry_day, e.created_at as entry_created, e.listed_at as entry_listed_at,
      e.submitted_by, e.submitter_name, e.submitter_fullname, e.submitter_avatar,
      u.name as member_name, e.featured, e.github_repo, e.github_stars,
      ${sql.raw(ENTRY_DETAIL_COLUMNS.map((c) => `e.${c}`).join(', '))},
      coalesce(e.listed_at, e.created_at, p.created_at) as added_at,
      (select count(*) from votes v where v.paper_id = p.id) + coalesce(e.source_upvotes, 0) as upvotes,
      (select count(*) from comments c where c.paper_id = p.id and c.deleted_at is null and c.hidden = 0)
        + coalesce(e.source_comments, 0) as num_comments
    from (${sectionIds(period, options.section ?? 'all')}) ids
    join papers p on p.id = ids.paper_id
    left join (
      select paper_id, min(day) as day, min(created_at) as created_at, min(submitted_by) as submitted_by,
        min(submitter_name) as submitter_name, min(submitter_fullname) as submitter_fullname,
        min(submitter_avatar) as submitter_avatar, max(source_upvotes) as source_upvotes,
        max(source_comments) as source_comments, max(featured) as featured,
        max(github_repo) as github_repo, max(github_stars) as github_stars, min(listed_at) as listed_at,
        ${sql.raw(ENTRY_DETAIL_COLUMNS.map((c) => `max(${c}) as ${c}`).join(', '))}
      from daily_entries where day >= ${period.from} and day <= ${period.to}
      group by paper_id
    ) e on e.paper_id = p.id
    left join users u on u.id = e.submitted_by
    where 1 = 1 ${submitterFilter} ${paperFilters(options)}
    order by ${order}
    limit ${options.limit} offset ${options.offset ?? 0}
  `.execute(db.kysely);
  return rows.map(toListed);
}

/** How many papers a period's list holds (in a section, with filters). */
export async function countPeriod(
  db: Db,
  period: Period,
  filters: ListFilters = {},
): Promise<number> {
  const needsEntry = filters.hasCode === true;
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from (${sectionIds(period, filters.section ?? 'all')}) ids
    ${filters.category || needsEntry ? sql`join papers p on p.id = ids.paper_id` : sql``}
    ${
      needsEntry
        ? sql`left join (select paper_id, max(github_repo) as github_repo from daily_entries
            where day >= ${period.from} and day <= ${period.to} group by paper_id) e on e.paper_id = p.id`
        : sql``
    }
    where 1 = 1 ${paperFilters(filters)}`.execute(db.kysely);
  return Number(rows[0]?.n ?? 0);
}

/** The categories of a period's papers in a section, most papers first (for filter chips). */
export async function periodCategories(
  db: Db,
  period: Period,
  section: ListSection,
  limit = 12,
): Promise<{ category: string; count: number }[]> {
  const { rows } = await sql<{ category: string; n: number | string }>`
    select p.primary_category as category, count(*) as n
    from (${sectionIds(period, section)}) ids join papers p on p.id = ids.paper_id
    where p.primary_category is not null
    group by p.primary_category order by n desc, p.primary_category asc limit ${limit}`.execute(
    db.kysely,
  );
  return rows.map((r) => ({ category: r.category, count: Number(r.n) }));
}

function toListed(row: ListRow): ListedPaper {
  return listedPaperFrom(paperFromRow(row), row.created_at, row);
}
