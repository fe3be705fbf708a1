import type { Db } from '../db/database.ts';
import { latestListingDate, neighbourDays } from './paper.repository.ts';

type Executor = Db['kysely'];

/** The latest day with a list (see latestListingDate: one definition for every surface). */
export const latestListDay = latestListingDate;

/** The nearest days before and after `day` that have a list (listed or entered papers). */
export async function nearestListDays(
  db: Executor,
  day: string,
): Promise<{ before: string | null; after: string | null }> {
  const [listed, entered] = await Promise.all([
    neighbourDays(db, day),
    neighbourEntryDays(db, day),
  ]);
  const pick = (a: string | null, b: string | null, latest: boolean) => {
    const days = [a, b].filter((d): d is string => typeof d === 'string').sort();
    return (latest ? days.at(-1) : days[0]) ?? null;
  };
  return {
    before: pick(listed.previous, entered.previous, true),
    after: pick(listed.next, entered.next, false),
  };
}

/** The days before and after `day` on which papers were put on a list. */
async function neighbourEntryDays(
  db: Executor,
  day: string,
): Promise<{ previous: string | null; next: string | null }> {
  const [previous, next] = await Promise.all([
    db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.max('day').as('d'))
      .where('day', '<', day)
      .executeTakeFirst(),
    db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.min('day').as('d'))
      .where('day', '>', day)
      .executeTakeFirst(),
  ]);
  return { previous: previous?.d ?? null, next: next?.d ?? null };
}
