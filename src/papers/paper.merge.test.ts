import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../domain/paper.ts';
import { mergePaper, samePaper } from './paper.merge.ts';

const kaggle: PaperRecord = {
  id: '0704.0001',
  version: 2,
  title: 'Revised title',
  abstract: 'Revised abstract.',
  authors: ['C. Balázs', 'E. L. Berger'],
  categories: ['hep-ph'],
  publishedAt: '2007-04-02T19:18:42.000Z',
  updatedAt: '2007-07-24T20:10:27.000Z',
  journalRef: 'Phys.Rev.D76:013009,2007',
  doi: '10.1103/PhysRevD.76.013009',
  license: null,
  versions: [
    { version: 1, date: '2007-04-02T19:18:42.000Z' },
    { version: 2, date: '2007-07-24T20:10:27.000Z' },
  ],
};
const daily: PaperRecord = {
  id: '0704.0001',
  title: 'First title',
  abstract: 'First abstract.',
  authors: ['C. Balazs'],
  categories: ['hep-ph', 'hep-ex'],
  listingDate: '2007-04-03',
  comment: '37 pages',
  codeRepo: 'github:a/b',
};

describe('mergePaper', () => {
  it('lets the newer version win each field it knows, in whichever order they arrive', () => {
    for (const merged of [
      mergePaper(mergePaper(null, kaggle), daily),
      mergePaper(mergePaper(null, daily), kaggle),
    ]) {
      expect(merged).toMatchObject({
        version: 2,
        title: 'Revised title',
        abstract: 'Revised abstract.',
        authors: ['C. Balázs', 'E. L. Berger'],
        categories: ['hep-ph'],
        // Fields only the older source knew are kept.
        listingDate: '2007-04-03',
        comment: '37 pages',
        codeRepo: 'github:a/b',
        doi: '10.1103/PhysRevD.76.013009',
        journalRef: 'Phys.Rev.D76:013009,2007',
        publishedAt: '2007-04-02T19:18:42.000Z',
      });
      expect(merged.versions.map((v) => v.version)).toEqual([1, 2]);
    }
  });

  it('takes the version from the history when the record does not name it', () => {
    const { version: _omit, ...withoutVersion } = kaggle;
    expect(mergePaper(null, withoutVersion).version).toBe(2);
    expect(mergePaper(null, { ...kaggle, version: 1 }).version).toBe(2);
  });

  it('keeps the first listing day and the earliest publication date', () => {
    const stored = mergePaper(null, daily);
    const later = mergePaper(stored, {
      ...daily,
      listingDate: '2007-05-01',
      publishedAt: '2007-05-01T00:00:00Z',
    });
    expect(later.listingDate).toBe('2007-04-03');
    expect(mergePaper(later, { ...daily, publishedAt: '2007-04-01T00:00:00Z' }).publishedAt).toBe(
      '2007-04-01T00:00:00Z',
    );
  });

  const version = fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined });
  const optional = fc.option(fc.constantFrom('x', 'y'), { nil: undefined });
  const arbRecord = fc.record({
    id: fc.constant('2401.00001'),
    version,
    title: fc.constantFrom('T1', 'T2', ''),
    abstract: fc.constantFrom('A1', ''),
    authors: fc.constantFrom([], ['A'], ['A', 'B']),
    categories: fc.constantFrom([], ['cs.LG']),
    listingDate: fc.option(fc.constantFrom('2024-01-02', '2024-01-05'), { nil: undefined }),
    publishedAt: fc.option(fc.constantFrom('2024-01-01T00:00:00.000Z'), { nil: undefined }),
    comment: optional,
    doi: optional,
    codeRepo: optional,
    versions: fc.constantFrom(
      [],
      [{ version: 1, date: '2024-01-01T00:00:00.000Z' }],
      [{ version: 2, date: null }],
    ),
  }) as fc.Arbitrary<PaperRecord>;

  it('is idempotent: merging the same record again changes nothing', () => {
    fc.assert(
      fc.property(fc.option(arbRecord, { nil: null }), arbRecord, (first, incoming) => {
        const stored = first ? mergePaper(null, first) : null;
        const once = mergePaper(stored, incoming);
        expect(samePaper(mergePaper(once, incoming), once)).toBe(true);
      }),
    );
  });

  it('loses no field that either source knew', () => {
    fc.assert(
      fc.property(arbRecord, arbRecord, (a, b) => {
        const merged = mergePaper(mergePaper(null, a), b);
        for (const field of ['comment', 'doi', 'codeRepo', 'listingDate', 'publishedAt'] as const)
          if (a[field] || b[field]) expect(merged[field]).not.toBeNull();
        if (a.title || b.title) expect(merged.title).not.toBe('');
        if (a.authors.length + b.authors.length > 0) expect(merged.authors).not.toEqual([]);
        const versions = new Set(
          [...(a.versions ?? []), ...(b.versions ?? [])].map((v) => v.version),
        );
        expect(merged.versions.map((v) => v.version)).toEqual([...versions].sort());
        expect(merged.version).toBeGreaterThanOrEqual(Math.max(1, ...versions));
      }),
    );
  });
});
