import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import { dayPeriod } from '../domain/periods.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { listPeriod } from './daily-list.ts';
import { upsertRecords } from './paper.service.ts';

const clock = fixedClock('2026-04-02T12:00:00Z');
const record = (id: string) => ({
  id,
  title: `Paper ${id}`,
  abstract: 'An abstract.',
  authors: ['A'],
  categories: ['cs.CL'],
  listingDate: '2026-03-30',
});

describe.each(dialects)('daily-list entries written with papers on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(() => t.cleanup());

  it('lists a paper stored earlier, named in any id form, without its record in the batch', async () => {
    await upsertRecords(t.db, clock, [record('2603.20001')], { source: 'arxiv' });
    const result = await upsertRecords(t.db, clock, [], {
      source: 'hf',
      entries: [
        {
          day: '2026-04-01',
          paperId: 'https://arxiv.org/abs/2603.20001v2',
          source: 'hf',
          sourceUpvotes: 3,
        },
        { day: '2026-04-01', paperId: '2603.29999', source: 'hf' },
      ],
    });
    expect(result).toMatchObject({ inserted: 0, updated: 0, failed: [] });
    const list = await listPeriod(t.db, dayPeriod('2026-04-01'), { limit: 10 });
    expect(list.map((l) => [l.paper.id, l.upvotes])).toEqual([['2603.20001', 3]]);
  });

  it('takes the last of two entries for the same paper and day in one batch', async () => {
    await upsertRecords(t.db, clock, [record('2603.20002'), record('arXiv:2603.20002v1')], {
      source: 'hf',
      entries: [
        { day: '2026-04-02', paperId: '2603.20002', source: 'hf', sourceUpvotes: 1 },
        { day: '2026-04-02', paperId: '2603.20002v1', source: 'hf', sourceUpvotes: 4 },
      ],
    });
    const list = await listPeriod(t.db, dayPeriod('2026-04-02'), { limit: 10 });
    expect(list.map((l) => [l.paper.id, l.upvotes])).toEqual([['2603.20002', 4]]);
  });
});
