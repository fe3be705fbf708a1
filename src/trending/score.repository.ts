import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { TrendingScoresTable } from '../db/schema.ts';

type Executor = Db['kysely'];

export type ScoreRow = Insertable<TrendingScoresTable>;

/**
 * Replaces the stored rows of these papers (all windows) by `rows`; with `all`, replaces every
 * stored row. Run inside one transaction so readers never see a half-written list.
 */
export async function replaceScores(
  db: Executor,
  paperIds: readonly string[] | 'all',
  rows: readonly ScoreRow[],
): Promise<void> {
  if (paperIds === 'all') {
    await db.deleteFrom('trending_scores').execute();
  } else {
    for (let i = 0; i < paperIds.length; i += 500)
      await db
        .deleteFrom('trending_scores')
        .where('paper_id', 'in', paperIds.slice(i, i + 500))
        .execute();
  }
  // 12 columns × 400 rows stays well below both drivers' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('trending_scores')
      .values(rows.slice(i, i + 400))
      .execute();
}

/** A small value kept in app_settings (last recompute time, settings it used). */
export async function readSetting(db: Executor, key: string): Promise<string | null> {
  const row = await db
    .selectFrom('app_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value ?? null;
}

export async function writeSetting(db: Executor, key: string, value: string): Promise<void> {
  await db
    .insertInto('app_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
