import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import type { PaperRecord } from '../domain/paper.ts';
import { dayPeriod, monthPeriod } from '../domain/periods.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { countPeriod, listPeriod, periodCategories } from './daily-list.ts';
import { latestListingDate } from './paper.repository.ts';
import { upsertRecords } from './paper.service.ts';

const clock = fixedClock('2026-07-02T12:00:00Z');
const DAY = '2026-06-30';
const paper = (id: string, extra: Partial<PaperRecord>): PaperRecord => ({
  id,
  title: `Paper ${id}`,
  abstract: 'a',
  authors: ['A'],
  categories: ['cs.CL'],
  ...extra,
});

describe.each(dialects)('curated list and arXiv section on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    await upsertRecords(
      t.db,
      clock,
      [
        paper('2606.00001', { listingDate: DAY }),
        paper('2606.00002', { listingDate: DAY, categories: ['cs.CV', 'cs.CL'] }),
        paper('2606.00003', { listingDate: DAY, codeRepo: 'github:a/b' }),
        paper('2606.00004', { listingDate: DAY }),
        // A bulk import without a listing: its first version's day places it.
        paper('2606.00005', { publishedAt: `${DAY}T17:59:00Z`, categories: ['cs.CV'] }),
      ],
      { source: 'arxiv' },
    );
    await upsertRecords(t.db, clock, [], {
      source: 'hf',
      entries: [
        { day: DAY, paperId: '2606.00004', source: 'hf', sourceUpvotes: 3 },
        { day: DAY, paperId: '2606.00001', source: 'hf', sourceUpvotes: 12 },
      ],
    });
  });
  afterAll(() => t.cleanup());

  it('splits a day into the papers put on it, by upvotes, and the rest of arXiv', async () => {
    const period = dayPeriod(DAY);
    const curated = await listPeriod(t.db, period, { section: 'curated', limit: 10 });
    expect(curated.map((l) => [l.paper.id, l.upvotes])).toEqual([
      ['2606.00001', 12],
      ['2606.00004', 3],
    ]);
    const arxiv = await listPeriod(t.db, period, { section: 'arxiv', limit: 10 });
    expect(arxiv.map((l) => l.paper.id)).toEqual(['2606.00002', '2606.00003', '2606.00005']);
    expect(await countPeriod(t.db, period, { section: 'curated' })).toBe(2);
    expect(await countPeriod(t.db, period, { section: 'arxiv' })).toBe(3);
    expect(await countPeriod(t.db, period)).toBe(5);
    const cv = { section: 'arxiv', category: 'cs.CV' } as const;
    expect((await listPeriod(t.db, period, { ...cv, limit: 10 })).map((l) => l.paper.id)).toEqual([
      '2606.00002',
      '2606.00005',
    ]);
    expect(await countPeriod(t.db, period, cv)).toBe(2);
    const code = { section: 'arxiv', hasCode: true } as const;
    expect((await listPeriod(t.db, period, { ...code, limit: 10 })).map((l) => l.paper.id)).toEqual(
      ['2606.00003'],
    );
    expect(await countPeriod(t.db, period, code)).toBe(1);
    expect(await periodCategories(t.db, period, 'arxiv')).toEqual([
      { category: 'cs.CV', count: 2 },
      { category: 'cs.CL', count: 1 },
    ]);
  });

  it('lists a paper without a listing on its first version day, week and month', async () => {
    const month = await listPeriod(t.db, monthPeriod('2026-06'), { limit: 10 });
    expect(month.map((l) => l.paper.id)).toContain('2606.00005');
    expect(await latestListingDate(t.db.kysely)).toBe(DAY);
  });
});
