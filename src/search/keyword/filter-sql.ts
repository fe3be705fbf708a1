import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from '../../db/database.ts';
import type { SearchFilters } from './keyword.types.ts';

/** SQL conditions on `p` (papers) for the filters, joined with `and`; `true` when none. */
export function filterSql(
  dialect: DialectName,
  filters: SearchFilters,
  hasCode = false,
): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  const day = sql`coalesce(p.listing_date, substr(p.published_at, 1, 10))`;
  if (filters.from) parts.push(sql`${day} >= ${filters.from}`);
  if (filters.to) parts.push(sql`${day} <= ${filters.to}`);
  if (filters.hasCode || hasCode) parts.push(sql`p.code_repo is not null`);
  if (filters.pids)
    parts.push(filters.pids.length > 0 ? sql`p.pid in (${sql.join(filters.pids)})` : sql`1 = 0`);
  if (filters.categories.length > 0) {
    // categories is a JSON array of strings; match one whole quoted entry, case-insensitively.
    const any = filters.categories.map((c) =>
      dialect === 'sqlite'
        ? sql`instr(lower(p.categories), ${`"${c.toLowerCase()}"`}) > 0`
        : sql`strpos(lower(p.categories), ${`"${c.toLowerCase()}"`}) > 0`,
    );
    parts.push(sql`(${sql.join(any, sql` or `)})`);
  }
  return parts.length === 0 ? sql`1 = 1` : sql.join(parts, sql` and `);
}
