import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { upsertRecords } from './paper.service.ts';
import {
  countPapers,
  findPaper,
  latestListingDate,
  listByListingDays,
} from './paper.repository.ts';

const clock = fixedClock('2026-03-20T12:00:00Z');

describe.each(dialects)('paper store on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(() => t.cleanup());

  it('stores a paper once, whatever form its id arrives in, and a newer version wins', async () => {
    const first = await upsertRecords(
      t.db,
      clock,
      [
        {
          id: 'arXiv:2403.01234v1',
          title: 'Mix  of\n  Barlow   Twins',
          abstract:
            'We study\nredundancy reduction. Code is available at https://github.com/wgcban/mix-bt.git.',
          authors: ['A. One', 'B. Two'],
          categories: ['cs.CV', 'cs.LG'],
          publishedAt: '2024-03-02T10:00:00Z',
          listingDate: '2024-03-04',
          versions: [{ version: 1, date: '2024-03-02T10:00:00Z' }],
        },
      ],
      { source: 'test' },
    );
    expect(first).toMatchObject({ inserted: 1, updated: 0, failed: [] });
    const second = await upsertRecords(
      t.db,
      clock,
      [
        {
          id: 'https://arxiv.org/abs/2403.01234v2',
          version: 2,
          title: 'Mix of Barlow Twins (revised)',
          abstract: 'Revised abstract.',
          authors: ['A. One', 'B. Two', 'C. Three'],
          categories: ['cs.CV'],
          updatedAt: '2024-04-01T00:00:00Z',
          doi: '10.1000/xyz',
          versions: [{ version: 2, date: '2024-04-01T00:00:00Z' }],
        },
      ],
      { source: 'test' },
    );
    expect(second).toMatchObject({ inserted: 0, updated: 1 });
    const paper = await findPaper(t.db.kysely, '2403.01234');
    expect(paper).toMatchObject({
      version: 2,
      title: 'Mix of Barlow Twins (revised)',
      authors: ['A. One', 'B. Two', 'C. Three'],
      publishedAt: '2024-03-02T10:00:00.000Z',
      updatedAt: '2024-04-01T00:00:00.000Z',
      listingDate: '2024-03-04',
      doi: '10.1000/xyz',
      codeRepo: 'github:wgcban/mix-bt',
    });
    expect(paper?.versions.map((v) => v.version)).toEqual([1, 2]);

    // An older version arriving later fills gaps but changes nothing it already knows.
    const stale = await upsertRecords(
      t.db,
      clock,
      [
        {
          id: '2403.01234v1',
          version: 1,
          title: 'Old title',
          abstract: 'Old',
          authors: [],
          categories: [],
          journalRef: 'J. Test 1',
        },
      ],
      { source: 'test' },
    );
    expect(stale.updated).toBe(1);
    expect(await findPaper(t.db.kysely, '2403.01234')).toMatchObject({
      title: 'Mix of Barlow Twins (revised)',
      journalRef: 'J. Test 1',
    });

    const again = await upsertRecords(
      t.db,
      clock,
      [
        {
          id: '2403.01234',
          version: 1,
          title: 'Old title',
          abstract: 'Old',
          authors: [],
          categories: [],
          journalRef: 'J. Test 1',
        },
      ],
      { source: 'test' },
    );
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await countPapers(t.db.kysely)).toBe(1);
  });

  it('reports bad records by source, record and reason and stores the rest', async () => {
    const result = await upsertRecords(
      t.db,
      clock,
      [
        { id: 'not-an-id', title: 'x', abstract: '', authors: [], categories: [] },
        { id: '2403.09999', title: '   ', abstract: 'a', authors: [], categories: [] },
        {
          id: '2403.05555',
          title: 'Fine',
          abstract: 'a'.repeat(1_000_000),
          authors: ['Z'],
          categories: ['cs.AI'],
          listingDate: '2024-03-05',
        },
      ],
      { source: 'unit' },
    );
    expect(result.inserted).toBe(1);
    expect(result.failed).toEqual([
      { source: 'unit', record: 'record 1 (not-an-id)', reason: 'invalid arXiv id "not-an-id"' },
      { source: 'unit', record: 'record 2 (2403.09999)', reason: '2403.09999: empty title' },
    ]);
    const long = await findPaper(t.db.kysely, '2403.05555');
    expect(long?.abstract.length).toBe(20_000);
    expect(await latestListingDate(t.db.kysely)).toBe('2024-03-05');
    expect(
      (await listByListingDays(t.db.kysely, '2024-03-04', '2024-03-05', 10)).map((p) => p.id),
    ).toEqual(['2403.05555', '2403.01234']);
  });
});
