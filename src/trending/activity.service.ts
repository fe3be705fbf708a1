import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { addDays } from '../domain/periods.ts';
import { starHistories, starHistory, votesPerDay } from './activity.repository.ts';

/** One day of a paper's attention: its repository's stars at day end and the day's upvotes. */
export interface ActivityDay {
  day: string;
  /** Stars at the end of the day (last known count), or null before the first snapshot. */
  stars: number | null;
  upvotes: number;
}

export interface PaperActivity {
  days: ActivityDay[];
  /** `owner/name` when the paper's repository is tracked. */
  githubRepo: string | null;
}

/** The last `days` days (today included) of stars and upvotes for a paper's page chart. */
export async function paperActivity(
  db: Db,
  clock: Clock,
  paper: { id: string; codeRepo: string | null },
  days = 30,
): Promise<PaperActivity> {
  const today = clock.now().toISOString().slice(0, 10);
  const first = addDays(today, -(days - 1));
  const since = `${first}T00:00:00.000Z`;
  const [votes, history] = await Promise.all([
    votesPerDay(db.kysely, paper.id, since),
    paper.codeRepo?.startsWith('github:')
      ? starHistory(db.kysely, paper.codeRepo, since)
      : Promise.resolve(null),
  ]);
  const upvotes = new Map<string, number>();
  for (const v of votes) {
    const day = v.created_at.slice(0, 10);
    upvotes.set(day, (upvotes.get(day) ?? 0) + 1);
  }
  const snapshots = history?.snapshots ?? [];
  const out: ActivityDay[] = [];
  let next = 0;
  let stars: number | null = null;
  for (let i = 0; i < days; i++) {
    const day = addDays(first, i);
    while (next < snapshots.length && snapshots[next]!.taken_at.slice(0, 10) <= day)
      stars = snapshots[next++]!.stars;
    out.push({ day, stars, upvotes: upvotes.get(day) ?? 0 });
  }
  return { days: out, githubRepo: history?.fullName ?? null };
}

/** A repository's stars at the end of each day, from its first known count to `until`. */
export type StarSeries = { day: string; stars: number }[];

/**
 * The last `days` days of GitHub stars of each code link's repository, as daily closing counts
 * (for trending's sparklines); a repository with fewer than two snapshots has no series, so
 * no line is drawn where Folio knows one count or none.
 */
export async function starSparklines(
  db: Db,
  until: Date,
  codeRepos: readonly (string | null)[],
  days = 30,
): Promise<Map<string, StarSeries>> {
  const github = [...new Set(codeRepos.filter((r): r is string => !!r?.startsWith('github:')))];
  const today = until.toISOString().slice(0, 10);
  const first = addDays(today, -(days - 1));
  const rows = await starHistories(db.kysely, github, `${first}T00:00:00.000Z`);
  const byRepo = new Map<string, { taken_at: string; stars: number }[]>();
  for (const row of rows) {
    if (row.taken_at.slice(0, 10) > today) continue;
    const list = byRepo.get(row.code_repo) ?? [];
    list.push(row);
    byRepo.set(row.code_repo, list);
  }
  const out = new Map<string, StarSeries>();
  for (const [repo, snapshots] of byRepo) {
    if (snapshots.length < 2) continue;
    const series: StarSeries = [];
    let next = 0;
    let stars: number | null = null;
    for (let i = 0; i < days; i++) {
      const day = addDays(first, i);
      while (next < snapshots.length && snapshots[next]!.taken_at.slice(0, 10) <= day)
        stars = snapshots[next++]!.stars;
      if (stars !== null) series.push({ day, stars });
    }
    out.set(repo, series);
  }
  return out;
}
