import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { TrendingScoresTable } from '../db/schema.ts';

type Executor = Db['kysely'];

export type ScoreRow = Insertable<TrendingScoresTable>;

/** A stored row of one paper in one window, with its count of each signal (by kind). */
export interface StoredScore {
  row: ScoreRow;
  /** Counts above zero are stored; a missing kind counts 0. */
  counts: Readonly<Record<string, number>>;
}

/**
 * Replaces the stored rows of these papers (all windows) and their signal counts by `scores`;
 * with `all`, replaces every stored row. Run inside one transaction so readers never see a
 * half-written list.
 */
export async function replaceScores(
  db: Executor,
  paperIds: readonly string[] | 'all',
  scores: readonly StoredScore[],
): Promise<void> {
  // Counts go first (their foreign key also cascades, but the store need not be asked to).
  if (paperIds === 'all') {
    await db.deleteFrom('trending_signal_counts').execute();
    await db.deleteFrom('trending_scores').execute();
  } else {
    for (let i = 0; i < paperIds.length; i += 500) {
      const ids = paperIds.slice(i, i + 500);
      await db.deleteFrom('trending_signal_counts').where('paper_id', 'in', ids).execute();
      await db.deleteFrom('trending_scores').where('paper_id', 'in', ids).execute();
    }
  }
  // 8 columns × 400 rows and 4 × 1,000 stay well below both drivers' bound-parameter limits.
  for (let i = 0; i < scores.length; i += 400)
    await db
      .insertInto('trending_scores')
      .values(scores.slice(i, i + 400).map((s) => s.row))
      .execute();
  const counts = scores.flatMap(({ row, counts }) =>
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => ({ span: row.span, paper_id: row.paper_id, kind, count })),
  );
  for (let i = 0; i < counts.length; i += 1000)
    await db
      .insertInto('trending_signal_counts')
      .values(counts.slice(i, i + 1000))
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
