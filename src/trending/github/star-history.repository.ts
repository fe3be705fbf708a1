import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

type Executor = Db['kysely'];

/** The earliest snapshot taken before `before`, or null when there is none. */
export async function oldestSnapshotBefore(db: Executor, before: string): Promise<string | null> {
  const row = await db
    .selectFrom('star_snapshots')
    .select((eb) => eb.fn.min('taken_at').as('taken_at'))
    .where('taken_at', '<', before)
    .executeTakeFirst();
  return row?.taken_at ?? null;
}

/**
 * Keeps one snapshot per repository and UTC day among those taken in [from, to): the day's last
 * (its star count is the day-end count charts show), carrying the whole day's gain so `gained`
 * still adds up to the stars gained since the previous kept snapshot. Returns how many went.
 */
export async function thinSnapshotsToDaily(
  db: Executor,
  from: string,
  to: string,
): Promise<number> {
  await sql`
    with days as (
      select repo_id, max(taken_at) as kept, sum(gained) as gained
      from star_snapshots
      where taken_at >= ${from} and taken_at < ${to}
      group by repo_id, substr(taken_at, 1, 10)
      having count(*) > 1
    )
    update star_snapshots set gained = days.gained
    from days
    where star_snapshots.repo_id = days.repo_id and star_snapshots.taken_at = days.kept
  `.execute(db);
  // Drop each snapshot with a later one of its repository on the same day. Every instant of
  // day D sorts below the text 'DT24', which bounds the primary-key seek to that day.
  const result = await sql`
    delete from star_snapshots
    where taken_at >= ${from} and taken_at < ${to}
      and exists (
        select 1 from star_snapshots later
        where later.repo_id = star_snapshots.repo_id
          and later.taken_at > star_snapshots.taken_at
          and later.taken_at < substr(star_snapshots.taken_at, 1, 10) || 'T24'
      )
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
