import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { ListedPaper } from '../domain/listed-paper.ts';
import {
  ENTRY_DETAIL_COLUMNS,
  listedPaperFrom,
  type ListActivityRow,
} from './listed-paper.mapper.ts';
import { paperFromRow, type PaperRow } from './paper.mapper.ts';

type Row = PaperRow & ListActivityRow;

/**
 * Every list entry one user submitted (a member's name or a source's user name), newest day
 * first, across all days: what `/api/daily_papers?submitter=NAME` answers with no date.
 * Reads the entries through the submitter indexes, never the whole list.
 */
export async function listSubmittedBy(
  db: Db,
  submitter: string,
  options: { limit: number; offset: number },
): Promise<ListedPaper[]> {
  const { rows } = await sql<Row>`
    select p.*,
      e.day as entry_day, e.created_at as entry_created, e.listed_at as entry_listed_at,
      e.submitted_by, e.submitter_name, e.submitter_fullname, e.submitter_avatar,
      u.name as member_name, e.featured, e.github_repo, e.github_stars,
      ${sql.raw(ENTRY_DETAIL_COLUMNS.map((c) => `e.${c}`).join(', '))},
      coalesce(e.listed_at, e.created_at) as added_at,
      (select count(*) from votes v where v.paper_id = p.id) + e.source_upvotes as upvotes,
      (select count(*) from comments c where c.paper_id = p.id and c.deleted_at is null and c.hidden = 0)
        + e.source_comments as num_comments
    from (
      select day, paper_id from daily_entries where submitter_name = ${submitter}
      union
      select day, paper_id from daily_entries
      where submitted_by = (select id from users where name = ${submitter})
    ) picked
    join daily_entries e on e.day = picked.day and e.paper_id = picked.paper_id
    join papers p on p.id = e.paper_id
    left join users u on u.id = e.submitted_by
    order by e.day desc, coalesce(e.listed_at, e.created_at) desc, p.pid desc
    limit ${options.limit} offset ${options.offset}
  `.execute(db.kysely);
  return rows.map((row) => listedPaperFrom(paperFromRow(row), row.created_at, row));
}
