import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { seedDatedPapers } from '../../test/support/seed-papers.ts';
import { seedUser, seedVote } from '../../test/support/trending-seed.ts';
import { listTrending } from './trending.service.ts';

const clock = fixedClock('2026-07-01T12:00:00.000Z');

describe.each(dialects)('listTrending before any recompute on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    await seedDatedPapers(t.db, [
      { id: '2606.00001', publishedAt: '2026-06-29T00:00:00Z', codeRepo: 'github:a/b' },
      { id: '2606.00002', publishedAt: '2026-06-30T00:00:00Z', categories: ['cs.CL'] },
      { id: '2606.00003', publishedAt: '2026-06-30T00:00:00Z' },
    ]);
    const users = [];
    for (const name of ['ann', 'bob', 'cy'])
      users.push(await seedUser(t.db, name, '2026-01-01T00:00:00.000Z'));
    for (const u of users) await seedVote(t.db, u, '2606.00002', '2026-07-01T10:00:00.000Z');
    await seedVote(t.db, users[0]!, '2606.00001', '2026-07-01T09:00:00.000Z');
    // Outside the 24-hour window.
    await seedVote(t.db, users[1]!, '2606.00003', '2026-06-29T09:00:00.000Z');
  });
  afterAll(() => t.cleanup());

  it('returns the most upvoted papers of the window with an explanation', async () => {
    const items = await listTrending(t.db, clock, { window: '24h', limit: 10 });
    expect(items.map((i) => [i.paper.id, i.rank, i.explanation.upvotes])).toEqual([
      ['2606.00002', 1, 3],
      ['2606.00001', 2, 1],
    ]);
    expect(items[0]!.explanation.text).toBe('3 upvotes · 1 day old');
    expect(items[1]!.githubRepo).toBe('a/b');
    const week = await listTrending(t.db, clock, { window: '7d', limit: 10 });
    expect(week).toHaveLength(3);
  });

  it('filters by category and code', async () => {
    const cl = await listTrending(t.db, clock, { window: '7d', category: 'cs.CL', limit: 10 });
    expect(cl.map((i) => i.paper.id)).toEqual(['2606.00002']);
    const code = await listTrending(t.db, clock, { window: '7d', hasCode: true, limit: 10 });
    expect(code.map((i) => i.paper.id)).toEqual(['2606.00001']);
  });

  it('rejects a bad category with a clear error', async () => {
    await expect(
      listTrending(t.db, clock, { window: '7d', category: "cs%'", limit: 10 }),
    ).rejects.toThrow(/category/);
  });
});
