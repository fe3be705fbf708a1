import type { Db } from '../db/database.ts';

type Executor = Db['kysely'];

/** The latest day with a list: arXiv's latest listing day or a later day papers were put on. */
export async function latestListDay(db: Executor): Promise<string | null> {
  const [listed, entered] = await Promise.all([
    db
      .selectFrom('papers')
      .select((eb) => eb.fn.max('listing_date').as('d'))
      .executeTakeFirst(),
    db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.max('day').as('d'))
      .executeTakeFirst(),
  ]);
  const days = [listed?.d, entered?.d].filter((d): d is string => typeof d === 'string');
  return days.length ? days.sort().at(-1)! : null;
}

/** The nearest days before and after `day` that have a list (listed or entered papers). */
export async function nearestListDays(
  db: Executor,
  day: string,
): Promise<{ before: string | null; after: string | null }> {
  const [listedBefore, enteredBefore, listedAfter, enteredAfter] = await Promise.all([
    db
      .selectFrom('papers')
      .select((eb) => eb.fn.max('listing_date').as('d'))
      .where('listing_date', '<', day)
      .executeTakeFirst(),
    db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.max('day').as('d'))
      .where('day', '<', day)
      .executeTakeFirst(),
    db
      .selectFrom('papers')
      .select((eb) => eb.fn.min('listing_date').as('d'))
      .where('listing_date', '>', day)
      .executeTakeFirst(),
    db
      .selectFrom('daily_entries')
      .select((eb) => eb.fn.min('day').as('d'))
      .where('day', '>', day)
      .executeTakeFirst(),
  ]);
  const pick = (a: unknown, b: unknown, latest: boolean) => {
    const days = [a, b].filter((d): d is string => typeof d === 'string').sort();
    return (latest ? days.at(-1) : days[0]) ?? null;
  };
  return {
    before: pick(listedBefore?.d, enteredBefore?.d, true),
    after: pick(listedAfter?.d, enteredAfter?.d, false),
  };
}
