import { describe, expect, it } from 'vitest';
import { dayOrNull, InvalidRecordError, isoOrNull, normalizeRecord } from './paper-normalize.ts';
import { PAPER_LIMITS, type PaperRecord } from './paper.ts';

const record = (over: Partial<PaperRecord> = {}): PaperRecord => ({
  id: '2401.12345',
  title: 'A title',
  abstract: 'An abstract.',
  authors: ['A. One'],
  categories: ['cs.LG'],
  ...over,
});

describe('normalizeRecord', () => {
  it('stores the id without version and keeps the version it named', () => {
    expect(normalizeRecord(record({ id: 'https://arxiv.org/abs/2401.12345v3' }))).toMatchObject({
      id: '2401.12345',
      version: 3,
    });
    expect(normalizeRecord(record({ id: 'arXiv:2401.12345v3', version: 4 })).version).toBe(4);
  });

  it('ignores impossible versions and reads version dates as dates', () => {
    const clean = normalizeRecord(
      record({
        id: '2401.12345v2',
        version: Number.NaN,
        versions: [
          { version: 0, date: null },
          { version: 1, date: 'Mon, 2 Apr 2007 19:18:42 GMT' },
          { version: 2, date: 'not a date' },
        ],
      }),
    );
    expect(clean.version).toBe(2);
    expect(clean.versions).toEqual([
      { version: 1, date: '2007-04-02T19:18:42.000Z' },
      { version: 2, date: null },
    ]);
  });

  it('rejects what cannot be a paper, in words', () => {
    expect(() => normalizeRecord(record({ id: 'nope' }))).toThrow(InvalidRecordError);
    expect(() => normalizeRecord(record({ id: 'nope' }))).toThrow('invalid arXiv id "nope"');
    expect(() => normalizeRecord(record({ title: ' \n ' }))).toThrow('2401.12345: empty title');
  });

  it('cleans text, dedupes categories primary first, and cuts what is absurdly long', () => {
    const clean = normalizeRecord(
      record({
        title: 'A\n  wrapped   title',
        abstract: 'x'.repeat(1_000_000),
        authors: ['  A.\nOne ', '', 'B. Two'],
        categories: ['cs.CV', 'cs.LG', 'cs.CV', '', 'x'.repeat(100)],
        comment: '  ',
      }),
    );
    expect(clean).toMatchObject({
      title: 'A wrapped title',
      authors: ['A. One', 'B. Two'],
      categories: ['cs.CV', 'cs.LG'],
      comment: null,
    });
    expect(clean.abstract).toHaveLength(PAPER_LIMITS.abstract);
  });

  it('finds code links unless the source named them', () => {
    expect(
      normalizeRecord(record({ comment: 'Code: https://github.com/wgcban/mix-bt.git' })),
    ).toMatchObject({ codeRepo: 'github:wgcban/mix-bt', projectPage: null });
    expect(
      normalizeRecord(record({ abstract: 'https://github.com/a/b', codeRepo: 'github:given/repo' }))
        .codeRepo,
    ).toBe('github:given/repo');
  });

  it('keeps dates only when they are dates', () => {
    expect(isoOrNull('Mon, 2 Apr 2007 19:18:42 GMT')).toBe('2007-04-02T19:18:42.000Z');
    expect(isoOrNull('2024-03-02T10:00:00+02:00')).toBe('2024-03-02T08:00:00.000Z');
    expect(isoOrNull('soon')).toBeNull();
    expect(dayOrNull('2024-02-29')).toBe('2024-02-29');
    expect(dayOrNull('2023-02-29')).toBeNull();
    expect(dayOrNull('2024-2-1')).toBeNull();
    expect(normalizeRecord(record({ listingDate: 'yesterday', publishedAt: 'x' }))).toMatchObject({
      listingDate: null,
      publishedAt: null,
    });
  });
});
