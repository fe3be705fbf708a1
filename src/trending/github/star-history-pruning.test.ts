import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestDb, type TestDb } from '../../../test/support/databases.ts';
import { seedDatedPapers } from '../../../test/support/seed-papers.ts';
import { seedRepo, seedSnapshot } from '../../../test/support/trending-seed.ts';
import { fixedClock } from '../../domain/clock.ts';
import { DEFAULT_TRENDING_SETTINGS } from '../signals/index.ts';
import { paperActivity } from '../activity.service.ts';
import { recomputeTrending } from '../recompute.service.ts';
import { trendingScoreOf } from '../trending.service.ts';
import { FULL_STAR_HISTORY_DAYS, pruneStarHistory } from './star-history-pruning.ts';

const NOW = '2026-07-01T12:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Everything from this day start on is kept as taken.
const KEEP_FROM = new Date(Date.parse('2026-07-01') - FULL_STAR_HISTORY_DAYS * DAY).toISOString();
const PAPER = '2605.00001';
const QUIET_PAPER = '2605.00002';

interface Snapshot {
  repo_id: number;
  taken_at: string;
  stars: number;
  gained: number;
}

describe.each(dialects)('star history pruning on %s', (dialect) => {
  let t: TestDb;
  const clock = fixedClock(NOW);
  let busy = 0;
  let quiet = 0;
  let before: Snapshot[] = [];

  const snapshots = async (): Promise<Snapshot[]> =>
    (
      await t.db.kysely
        .selectFrom('star_snapshots')
        .select(['repo_id', 'taken_at', 'stars', 'gained'])
        .orderBy('repo_id')
        .orderBy('taken_at')
        .execute()
    ).map((s) => ({ ...s, repo_id: Number(s.repo_id), gained: Number(s.gained) }));

  const trendingOf = async (id: string) => {
    await recomputeTrending(t.db, clock, DEFAULT_TRENDING_SETTINGS, { full: true });
    return trendingScoreOf(t.db, clock, id);
  };

  beforeAll(async () => {
    t = await openTestDb(dialect);
    await seedDatedPapers(t.db, [
      { id: PAPER, publishedAt: '2026-05-10T00:00:00.000Z', codeRepo: 'github:acme/busy' },
      { id: QUIET_PAPER, publishedAt: '2026-05-10T00:00:00.000Z', codeRepo: 'github:acme/quiet' },
    ]);
    busy = await seedRepo(t.db, 'github:acme/busy', '2026-05-10T00:00:00.000Z');
    quiet = await seedRepo(t.db, 'github:acme/quiet', '2026-05-10T00:00:00.000Z');
    // Hourly checks over 45 days with an uneven gain; the quiet repository is checked daily.
    let stars = 100;
    for (let h = 45 * 24; h >= 0; h--) {
      const gained = (h * 7) % 5;
      stars += gained;
      await seedSnapshot(t.db, busy, at(h * HOUR + 17 * 60_000), stars, gained);
    }
    for (let d = 45; d >= 0; d--) await seedSnapshot(t.db, quiet, at(d * DAY + HOUR), 50 - d, 1);
    before = await snapshots();
  });
  afterAll(() => t.cleanup());

  it('thins old snapshots to one per repository and day, leaving the trending windows alone', async () => {
    const trending = await trendingOf(PAPER);
    const chart = await paperActivity(t.db, clock, { id: PAPER, codeRepo: 'github:acme/busy' });
    const longChart = await paperActivity(
      t.db,
      clock,
      { id: PAPER, codeRepo: 'github:acme/busy' },
      45,
    );

    const result = await pruneStarHistory(t.db, clock);
    const after = await snapshots();
    expect(result.thinnedBefore).toBe(KEEP_FROM);

    // Everything the windows and the chart read at full resolution is untouched.
    const recent = (list: Snapshot[]) => list.filter((s) => s.taken_at >= KEEP_FROM);
    expect(recent(after)).toEqual(recent(before));
    expect(recent(after).length).toBeGreaterThan(FULL_STAR_HISTORY_DAYS * 24);

    // Older ones: each day's last snapshot, carrying the day's whole gain.
    const expected: Snapshot[] = [];
    for (const s of before.filter((s) => s.taken_at < KEEP_FROM)) {
      const last = expected.at(-1);
      if (last?.repo_id === s.repo_id && last.taken_at.slice(0, 10) === s.taken_at.slice(0, 10))
        expected[expected.length - 1] = { ...s, gained: last.gained + s.gained };
      else expected.push(s);
    }
    const old = after.filter((s) => s.taken_at < KEEP_FROM);
    expect(old).toEqual(expected);
    expect(old.filter((s) => s.repo_id === busy)).toHaveLength(45 - FULL_STAR_HISTORY_DAYS);
    expect(old.filter((s) => s.repo_id === quiet)).toEqual(
      before.filter((s) => s.repo_id === quiet && s.taken_at < KEEP_FROM),
    );
    expect(result.removed).toBe(before.length - after.length);
    const total = (list: Snapshot[]) => list.reduce((sum, s) => sum + s.gained, 0);
    expect(total(after)).toBe(total(before));

    // Star velocity, scores, explanations and the page's chart are exactly as before.
    expect(await trendingOf(PAPER)).toEqual(trending);
    expect(trending['24h']?.explanation.starsGained).toBeGreaterThan(0);
    expect(trending['30d']?.explanation.starsGained).toBeGreaterThan(
      trending['7d']!.explanation.starsGained,
    );
    expect(await paperActivity(t.db, clock, { id: PAPER, codeRepo: 'github:acme/busy' })).toEqual(
      chart,
    );
    // Even a chart reaching into the thinned days shows the same day-end counts.
    expect(
      await paperActivity(t.db, clock, { id: PAPER, codeRepo: 'github:acme/busy' }, 45),
    ).toEqual(longChart);
  });

  it('reads only the days that aged past the limit since the last run', async () => {
    expect(await pruneStarHistory(t.db, clock)).toMatchObject({ removed: 0 });
    const kept = await snapshots();
    clock.set(new Date(Date.parse(NOW) + DAY));
    const next = await pruneStarHistory(t.db, clock);
    // One more day of hourly checks (24) becomes one snapshot.
    expect(next).toMatchObject({
      removed: 23,
      thinnedBefore: new Date(Date.parse(KEEP_FROM) + DAY).toISOString(),
    });
    expect((await snapshots()).length).toBe(kept.length - 23);
    clock.set(NOW);
  });
});

const at = (msAgo: number) => new Date(Date.parse(NOW) - msAgo).toISOString();
