import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

// The signal kinds and the columns that held their counts when this migration was written;
// later signals need no migration (they store their counts under their own kind).
const MOVED = [
  ['stars', 'stars_gained'],
  ['votes', 'upvotes'],
  ['comments', 'comments'],
  ['views', 'views'],
] as const;

/**
 * Trending counts keyed by signal kind instead of a column per signal: the counts stored so far
 * move to `trending_signal_counts`; stored scores (rank keys, expiry) stay as they are.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  // What the explanation shows of each signal of a paper in a window; a row exists only while
  // its window's score row does, and only for counts above zero.
  await sql`create table trending_signal_counts (
    span text not null,
    paper_id text not null,
    kind text not null,
    count integer not null,
    primary key (span, paper_id, kind),
    foreign key (span, paper_id) references trending_scores (span, paper_id) on delete cascade
  )`.execute(db);
  for (const [kind, column] of MOVED) {
    await sql`insert into trending_signal_counts (span, paper_id, kind, count)
      select span, paper_id, ${kind}, ${sql.ref(column)} from trending_scores
      where ${sql.ref(column)} > 0`.execute(db);
    await sql`alter table trending_scores drop column ${sql.ref(column)}`.execute(db);
  }
}
