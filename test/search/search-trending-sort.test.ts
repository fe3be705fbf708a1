import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/logger.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { SearchService } from '../../src/search/search.service.ts';
import { recomputeTrending } from '../../src/trending/recompute.service.ts';
import { DEFAULT_TRENDING_SETTINGS } from '../../src/trending/signals/index.ts';
import { dialects, openTestDb, type TestDb } from '../support/databases.ts';
import { seedUser, seedVote } from '../support/trending-seed.ts';

const NOW = '2026-07-01T12:00:00.000Z';
const clock = fixedClock(NOW);
const hoursAgo = (h: number) => new Date(Date.parse(NOW) - h * 3_600_000).toISOString();

/** Five papers about graphs (most relevant first by title) and one about something else. */
const TITLES = [
  'Graph graph neural networks on graph data',
  'Graph neural networks',
  'Message passing on a graph',
  'A survey that mentions a graph once among many other words',
  'Sparse attention for long documents with a graph prior and many other words besides',
  'Protein folding without any relation to the query',
];

describe.each(dialects)('search ordered by trending (%s)', (dialect) => {
  let t: TestDb;
  let search: SearchService;
  const ids = TITLES.map((_, i) => `2606.0000${i + 1}`);
  const order = async (sort: 'relevance' | 'trending', offset = 0, limit = 10) =>
    (await search.search({ q: 'graph', mode: 'keyword', sort, offset, limit })).hits.map(
      (h) => h.paper.id,
    );

  beforeAll(async () => {
    t = await openTestDb(dialect);
    await upsertRecords(
      t.db,
      clock,
      TITLES.map((title, i) => ({
        id: ids[i]!,
        title,
        abstract: `${title}. We study it.`,
        authors: ['Ada Lovelace'],
        categories: ['cs.LG'],
        publishedAt: hoursAgo(30),
        listingDate: hoursAgo(30).slice(0, 10),
      })),
      { source: 'test' },
    );
    search = new SearchService({ db: t.db, logger: silentLogger });
    search.keyword.start();
    await search.keyword.idle();
  });
  afterAll(async () => {
    await search.close();
    await t.cleanup();
  });

  it('is the relevance order while no trending scores are stored', async () => {
    const relevance = await order('relevance');
    expect(relevance).toHaveLength(5);
    expect(await order('trending')).toEqual(relevance);
  });

  it('puts the matches trending this week first, then the rest by relevance', async () => {
    const relevance = await order('relevance');
    const members = [];
    for (const name of ['ann', 'bob', 'cy'])
      members.push(await seedUser(t.db, name, hoursAgo(900)));
    // The fourth most relevant match gets three votes, the third one; the sixth paper does not
    // match the query, so its votes change nothing here.
    for (const m of members) await seedVote(t.db, m, relevance[3]!, hoursAgo(5));
    await seedVote(t.db, members[0]!, relevance[2]!, hoursAgo(5));
    for (const m of members) await seedVote(t.db, m, ids[5]!, hoursAgo(5));
    await recomputeTrending(t.db, clock, DEFAULT_TRENDING_SETTINGS, { full: true });

    const trending = await order('trending');
    expect(trending).toEqual([
      relevance[3],
      relevance[2],
      ...relevance.filter((id) => id !== relevance[3] && id !== relevance[2]),
    ]);
    // Pages are cut from that order.
    expect(await order('trending', 2, 2)).toEqual(trending.slice(2, 4));
  });

  it('leaves a paper taken off trending in its place by relevance', async () => {
    const relevance = await order('relevance');
    const before = await order('trending');
    await t.db.kysely
      .insertInto('trending_exclusions')
      .values({ paper_id: before[0]!, reason: 'test', excluded_by: null, created_at: NOW })
      .execute();
    const after = await order('trending');
    expect(after[0]).toBe(before[1]);
    expect(after.slice(1)).toEqual(relevance.filter((id) => id !== before[1]));
  });
});
