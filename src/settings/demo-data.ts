import type { Db } from '../db/database.ts';

const KEY = 'demo.data_until';

/** The last day of the bundled demo's data, once the demo corpus was loaded; null otherwise. */
export async function readDemoDataUntil(db: Db): Promise<string | null> {
  const row = await db.kysely
    .selectFrom('app_settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirst();
  return row?.value ?? null;
}

/** Notes the last day of the demo data just loaded. */
export async function writeDemoDataUntil(db: Db, day: string): Promise<void> {
  await db.kysely
    .insertInto('app_settings')
    .values({ key: KEY, value: day })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: day }))
    .execute();
}
