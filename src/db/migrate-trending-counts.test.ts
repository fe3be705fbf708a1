import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import { recomputeTrending } from '../trending/recompute.service.ts';
import { DEFAULT_TRENDING_SETTINGS } from '../trending/signals/index.ts';
import { listTrending, trendingScoreOf } from '../trending/trending.service.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { migrateTo, migrateToLatest, migrationNames } from './migrate.ts';

const MIGRATION = '2026-12-07-60-trending-signal-counts';
const NOW = '2026-07-01T12:00:00.000Z';
const hoursAgo = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

// Stored rows as the column-per-signal schema held them: window, paper, rank key, and the
// stars gained, upvotes, comments and views its explanation showed.
const STORED = [
  ['24h', '2606.00001', 12.5, 0, 1, 1, 1500, hoursAgo(5)],
  ['24h', '2606.00002', 10.25, 320, 41, 0, 0, hoursAgo(58)],
  ['24h', '2606.00003', 4.75, 0, 0, 3, 0, hoursAgo(30)],
  ['7d', '2606.00002', 20.5, 1200, 90, 2, 10, hoursAgo(58)],
  ['7d', '2606.00001', 3.5, 0, 1, 1, 1500, hoursAgo(5)],
] as const;

describe.each(dialects)('moving stored trending counts to one row per signal on %s', (dialect) => {
  let t: TestDb;
  const clock = fixedClock(NOW);

  beforeAll(async () => {
    t = await openTestDb(dialect, { migrate: false });
    const names = migrationNames();
    await migrateTo(t.db, names[names.indexOf(MIGRATION) - 1]!);
    const db = t.db.kysely;
    for (const id of ['2606.00001', '2606.00002', '2606.00003'])
      await sql`insert into papers (id, version, title, abstract, authors, categories,
          primary_category, listing_date, published_at, versions, created_at, modified_at)
        values (${id}, 1, ${`Paper ${id}`}, 'About it.', '["Ada Lovelace"]', '["cs.LG"]', 'cs.LG',
          '2026-06-28', '2026-06-28T00:00:00Z', '[]', ${NOW}, ${NOW})`.execute(db);
    for (const [span, id, key, stars, upvotes, comments, views, born] of STORED)
      await sql`insert into trending_scores (span, paper_id, rank_key, decay_rate, signal_sum,
          stars_gained, upvotes, comments, views, born_at, computed_at, expires_at)
        values (${span}, ${id}, ${key}, 0.1, 1, ${stars}, ${upvotes}, ${comments}, ${views},
          ${born}, ${NOW}, '2026-07-02T00:00:00.000Z')`.execute(db);
    // The last recompute, with today's default settings: the next run is incremental.
    await sql`insert into app_settings (key, value) values ('trending.recomputed_at', ${NOW}),
      ('trending.settings', ${JSON.stringify(DEFAULT_TRENDING_SETTINGS)})`.execute(db);
  });
  afterAll(() => t.cleanup());

  it('keeps every stored score and moves its counts, so the lists read the same', async () => {
    expect(await migrateToLatest(t.db)).toContain(MIGRATION);

    const scores = await t.db.kysely
      .selectFrom('trending_scores')
      .select(['span', 'paper_id', 'rank_key'])
      .orderBy('span')
      .orderBy('paper_id')
      .execute();
    expect(scores.map((r) => [r.span, r.paper_id, Number(r.rank_key)])).toEqual([
      ['24h', '2606.00001', 12.5],
      ['24h', '2606.00002', 10.25],
      ['24h', '2606.00003', 4.75],
      ['7d', '2606.00001', 3.5],
      ['7d', '2606.00002', 20.5],
    ]);
    const counts = await t.db.kysely
      .selectFrom('trending_signal_counts')
      .select(['span', 'paper_id', 'kind', 'count'])
      .orderBy('span')
      .orderBy('paper_id')
      .orderBy('kind')
      .execute();
    expect(counts.map((r) => [r.span, r.paper_id, r.kind, Number(r.count)])).toEqual([
      ['24h', '2606.00001', 'comments', 1],
      ['24h', '2606.00001', 'views', 1500],
      ['24h', '2606.00001', 'votes', 1],
      ['24h', '2606.00002', 'stars', 320],
      ['24h', '2606.00002', 'votes', 41],
      ['24h', '2606.00003', 'comments', 3],
      ['7d', '2606.00001', 'comments', 1],
      ['7d', '2606.00001', 'views', 1500],
      ['7d', '2606.00001', 'votes', 1],
      ['7d', '2606.00002', 'comments', 2],
      ['7d', '2606.00002', 'stars', 1200],
      ['7d', '2606.00002', 'views', 10],
      ['7d', '2606.00002', 'votes', 90],
    ]);

    const day = await listTrending(t.db, clock, { window: '24h', limit: 10 });
    expect(day.map((i) => [i.rank, i.paper.id, i.explanation.text])).toEqual([
      [1, '2606.00001', '1 upvote · 1 comment · 1,500 views · new today'],
      [2, '2606.00002', '+320 ★ in 24 h · 41 upvotes · 2 days old'],
      [3, '2606.00003', '3 comments · 1 day old'],
    ]);
    expect(day[1]!.explanation).toEqual({
      starsGained: 320,
      upvotes: 41,
      comments: 0,
      views: 0,
      ageDays: 58 / 24,
      text: '+320 ★ in 24 h · 41 upvotes · 2 days old',
    });
    // A stored score decays from its rank key alone: 2^(key − rate × hours since the epoch).
    expect(day[0]!.score).toBe(2 ** (12.5 - 0.1 * (Date.parse(NOW) / 3_600_000)));
    const week = await listTrending(t.db, clock, { window: '7d', limit: 10 });
    expect(week.map((i) => [i.paper.id, i.explanation.text])).toEqual([
      ['2606.00002', '+1,200 ★ in 7 days · 90 upvotes · 2 comments · 10 views · 2 days old'],
      ['2606.00001', '1 upvote · 1 comment · 1,500 views · new today'],
    ]);
    const one = await trendingScoreOf(t.db, clock, '2606.00003');
    expect(Object.keys(one)).toEqual(['24h']);
    expect(one['24h']!.explanation.comments).toBe(3);

    // With no new signal, the next recompute leaves the moved rows as they are.
    expect(await recomputeTrending(t.db, clock, DEFAULT_TRENDING_SETTINGS)).toEqual({
      mode: 'incremental',
      papers: 0,
      rows: 0,
    });
    expect(
      (await listTrending(t.db, clock, { window: '24h', limit: 10 })).map((i) => i.paper.id),
    ).toEqual(['2606.00001', '2606.00002', '2606.00003']);
  });
});
