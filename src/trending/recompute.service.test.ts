import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import type { TrendingSettings } from '../domain/trending-score.ts';
import { DEFAULT_TRENDING_SETTINGS } from './signals/index.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { seedDatedPapers } from '../../test/support/seed-papers.ts';
import { seedRepo, seedSnapshot, seedUser, seedVote } from '../../test/support/trending-seed.ts';
import { excludeFromTrending, includeInTrending } from './exclusion.service.ts';
import { recomputeTrending } from './recompute.service.ts';
import { listTrending, trendingScoreOf } from './trending.service.ts';
import { recordView } from './views.ts';

const NOW = '2026-07-01T12:00:00.000Z';
const OLD_ACCOUNT = '2026-01-01T00:00:00.000Z';
const settings: TrendingSettings = { ...DEFAULT_TRENDING_SETTINGS, votesPerHour: 3 };
const hoursAgo = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

describe.each(dialects)('trending recompute on %s', (dialect) => {
  let t: TestDb;
  const clock = fixedClock(NOW);
  const users: number[] = [];

  beforeAll(async () => {
    t = await openTestDb(dialect);
    await seedDatedPapers(t.db, [
      // New today with a few votes.
      { id: '2607.00001', publishedAt: hoursAgo(12) },
      // Eleven days old with more votes: the paper-age factor holds it back.
      { id: '2606.00002', publishedAt: hoursAgo(11 * 24) },
      // Two days old, its repository gained 100 stars in the last day.
      { id: '2606.00003', publishedAt: hoursAgo(48), codeRepo: 'github:acme/fast' },
      // A year old with a burst of votes: old papers must not crowd the list.
      { id: '2507.00004', publishedAt: '2025-07-01T00:00:00.000Z' },
      // Gets its only vote from an account created an hour ago.
      { id: '2607.00005', publishedAt: hoursAgo(6) },
    ]);
    for (let i = 0; i < 12; i++) users.push(await seedUser(t.db, `member${i}`, OLD_ACCOUNT));
    for (const u of users.slice(0, 3)) await seedVote(t.db, u, '2607.00001', hoursAgo(2));
    for (const u of users.slice(0, 10)) await seedVote(t.db, u, '2606.00002', hoursAgo(20));
    for (const u of users) await seedVote(t.db, u, '2507.00004', hoursAgo(1));
    const repo = await seedRepo(t.db, 'github:acme/fast', hoursAgo(100));
    await seedSnapshot(t.db, repo, hoursAgo(30), 1000, 0);
    await seedSnapshot(t.db, repo, hoursAgo(4), 1100, 100);
    const newcomer = await seedUser(t.db, 'newcomer', hoursAgo(1));
    await seedVote(t.db, newcomer, '2607.00005', hoursAgo(0.5));
  });
  afterAll(() => t.cleanup());

  it('ranks by the documented formula and explains each card', async () => {
    const result = await recomputeTrending(t.db, clock, settings);
    expect(result.mode).toBe('full');
    const list = await listTrending(t.db, clock, { window: '24h', limit: 10 });
    expect(list.map((i) => i.paper.id)).toEqual([
      '2606.00003',
      '2607.00001',
      '2606.00002',
      '2507.00004',
    ]);
    expect(list.map((i) => i.explanation.text)).toEqual([
      '+100 ★ in 24 h · 2 days old',
      '3 upvotes · new today',
      '10 upvotes · 11 days old',
      '12 upvotes · 365 days old',
    ]);
    // 3 votes 2 h ago, h = 12 h; paper 12 h old, H = 7 days.
    const expected = 3 * 2 ** (-2 / 12) * 2 ** (-12 / (7 * 24));
    expect(list[1]!.score).toBeCloseTo(expected, 10);
    expect(list[0]!.githubRepo).toBe('acme/fast');
    expect(list.map((i) => i.rank)).toEqual([1, 2, 3, 4]);
  });

  it('counts a young account’s vote only once the account is a day old', async () => {
    expect((await trendingScoreOf(t.db, clock, '2607.00005'))['24h']).toBeUndefined();
    clock.set(hoursAgo(-23.5));
    const run = await recomputeTrending(t.db, clock, settings);
    expect(run.mode).toBe('incremental');
    const later = await trendingScoreOf(t.db, clock, '2607.00005');
    expect(later['24h']?.explanation.upvotes).toBe(1);
    clock.set(NOW);
    await recomputeTrending(t.db, clock, settings, { full: true });
  });

  it('ignores an account’s votes beyond the hourly limit', async () => {
    await seedDatedPapers(
      t.db,
      [6, 7, 8, 9].map((n) => ({ id: `2607.0000${n}`, publishedAt: hoursAgo(3) })),
    );
    const eager = await seedUser(t.db, 'eager', OLD_ACCOUNT);
    // Four votes within one minute of one clock hour, limit 3.
    for (const n of [6, 7, 8, 9])
      await seedVote(t.db, eager, `2607.0000${n}`, hoursAgo((10 - n) / 600));
    await recomputeTrending(t.db, clock, settings);
    const scores = await Promise.all(
      [6, 7, 8, 9].map(async (n) => (await trendingScoreOf(t.db, clock, `2607.0000${n}`))['24h']),
    );
    expect(scores.map((s) => s?.explanation.upvotes ?? 0)).toEqual([1, 1, 1, 0]);
  });

  it('recomputes only papers with new signals', async () => {
    const idle = await recomputeTrending(t.db, clock, settings);
    expect(idle).toMatchObject({ mode: 'incremental' });
    // Only the overlap with the previous run can bring papers back; a fresh vote adds one.
    clock.set(hoursAgo(-0.5));
    await recomputeTrending(t.db, clock, settings);
    clock.set(hoursAgo(-1));
    expect((await recomputeTrending(t.db, clock, settings)).papers).toBe(0);
    await seedVote(t.db, users[5]!, '2607.00001', clock.now().toISOString());
    expect(await recomputeTrending(t.db, clock, settings)).toMatchObject({ papers: 1 });
    const item = (await trendingScoreOf(t.db, clock, '2607.00001'))['24h'];
    expect(item?.explanation.upvotes).toBe(4);
    clock.set(NOW);
    await recomputeTrending(t.db, clock, settings, { full: true });
  });

  it('counts page views from people only', async () => {
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
    expect(await recordView(t.db, '2606.00002', firefox, clock.now())).toBe(true);
    expect(await recordView(t.db, '2606.00002', firefox, clock.now())).toBe(true);
    expect(await recordView(t.db, '2606.00002', 'Googlebot/2.1', clock.now())).toBe(false);
    expect(await recordView(t.db, '2606.00002', undefined, clock.now())).toBe(false);
    await recomputeTrending(t.db, clock, settings);
    const week = (await trendingScoreOf(t.db, clock, '2606.00002'))['7d'];
    expect(week?.explanation.views).toBe(2);
  });

  it('leaves excluded papers off every list until included again', async () => {
    await excludeFromTrending(t.db, clock, { paperId: '2606.00003', reason: 'spam', by: null });
    const list = await listTrending(t.db, clock, { window: '24h', limit: 10 });
    expect(list.map((i) => i.paper.id)).not.toContain('2606.00003');
    await expect(
      excludeFromTrending(t.db, clock, { paperId: '2606.00003', reason: '  ', by: null }),
    ).rejects.toThrow(/reason/);
    expect(await includeInTrending(t.db, '2606.00003')).toBe(true);
    const again = await listTrending(t.db, clock, { window: '24h', limit: 1 });
    expect(again[0]!.paper.id).toBe('2606.00003');
  });

  it('filters by published-within days', async () => {
    const recent = await listTrending(t.db, clock, {
      window: '30d',
      publishedWithinDays: 7,
      limit: 50,
    });
    expect(recent.map((i) => i.paper.id)).not.toContain('2606.00002');
    expect(recent.map((i) => i.paper.id)).toContain('2607.00001');
  });
});
