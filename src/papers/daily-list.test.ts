import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import { dayPeriod, weekPeriod } from '../domain/periods.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { countPeriod, listPeriod } from './daily-list.ts';
import { upsertRecords } from './paper.service.ts';

const clock = fixedClock('2026-06-30T12:00:00Z');
const paper = (id: string, listingDate: string) => ({
  id,
  title: `Paper ${id}`,
  abstract: 'a',
  authors: ['A'],
  categories: ['cs.LG'],
  listingDate,
});

describe.each(dialects)('daily lists on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    await upsertRecords(
      t.db,
      clock,
      [
        paper('2606.00001', '2026-06-29'),
        paper('2606.00002', '2026-06-29'),
        paper('2606.00003', '2026-06-30'),
      ],
      { source: 'test' },
    );
    // An older paper submitted onto 2026-06-29's list by a source, with its upvotes.
    await upsertRecords(t.db, clock, [paper('2601.00009', '2026-01-05')], {
      source: 'hf',
      entries: [
        {
          day: '2026-06-29',
          paperId: '2601.00009',
          source: 'hf',
          submitterName: 'akhaliq',
          sourceUpvotes: 5,
          sourceComments: 2,
        },
      ],
    });
    const now = clock.now().toISOString();
    const { id: userId } = await t.db.kysely
      .insertInto('users')
      .values({ email: 'a@example.org', name: 'ann', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db.kysely
      .insertInto('votes')
      .values({ user_id: userId, paper_id: '2606.00002', created_at: now })
      .execute();
  });
  afterAll(() => t.cleanup());

  it("orders a day's list by upvotes, then by when papers were added", async () => {
    const list = await listPeriod(t.db, dayPeriod('2026-06-29'), { limit: 10 });
    expect(list.map((l) => [l.paper.id, l.upvotes])).toEqual([
      ['2601.00009', 5],
      ['2606.00002', 1],
      ['2606.00001', 0],
    ]);
    expect(list[0]).toMatchObject({
      day: '2026-06-29',
      numComments: 2,
      submitter: { name: 'akhaliq', userId: null },
    });
    expect(await countPeriod(t.db, dayPeriod('2026-06-29'))).toBe(3);
  });

  it('spans weeks, pages, and filters by submitter', async () => {
    const week = weekPeriod('2026-W27');
    expect(week).toMatchObject({ from: '2026-06-29', to: '2026-07-05' });
    expect(await countPeriod(t.db, week)).toBe(4);
    const page2 = await listPeriod(t.db, week, { limit: 2, offset: 2 });
    expect(page2).toHaveLength(2);
    const bySubmitter = await listPeriod(t.db, week, { limit: 10, submitter: 'akhaliq' });
    expect(bySubmitter.map((l) => l.paper.id)).toEqual(['2601.00009']);
  });
});
