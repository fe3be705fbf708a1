import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { isPeriod, listQueryString, parseListQuery, parsePeriod } from './list-query.ts';

const from = (query: Record<string, string>) => (name: string) => query[name];

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('list periods', () => {
  it('reads a day, an ISO week and a month into their first and last days', () => {
    expect(parsePeriod('day', '2026-03-18')).toEqual({
      kind: 'day',
      label: '2026-03-18',
      from: '2026-03-18',
      to: '2026-03-18',
    });
    expect(parsePeriod('week', '2026-W12')).toEqual({
      kind: 'week',
      label: '2026-W12',
      from: '2026-03-16',
      to: '2026-03-22',
    });
    expect(parsePeriod('month', '2026-02')).toEqual({
      kind: 'month',
      label: '2026-02',
      from: '2026-02-01',
      to: '2026-02-28',
    });
  });

  it('answers a period that does not exist with a 400 saying what was expected', () => {
    expect(failure(() => parsePeriod('week', '2026-W60'))).toEqual({
      code: 'invalid_period',
      message: 'invalid week "2026-W60": expected YYYY-Www, e.g. 2026-W12.',
    });
    expect(failure(() => parsePeriod('month', '2026-13')).message).toBe(
      'invalid month "2026-13": expected YYYY-MM.',
    );
    expect(isPeriod('day', '2026-02-30')).toBe(false);
    expect(isPeriod('week', '2026-W53')).toBe(true);
    expect(isPeriod('week', '2027-W53')).toBe(false);
  });
});

describe('a list page address', () => {
  it('reads the defaults from an empty query and writes them back as nothing', () => {
    const q = parseListQuery(from({}));
    expect(q).toEqual({ section: 'curated', category: null, hasCode: false, sort: 'upvotes' });
    expect(listQueryString(q)).toBe('');
  });

  it('round-trips every filter', () => {
    const q = parseListQuery(from({ list: 'arxiv', cat: 'cs.CL', code: '1', sort: 'new' }));
    expect(q).toEqual({ section: 'arxiv', category: 'cs.CL', hasCode: true, sort: 'published' });
    expect(listQueryString(q)).toBe('list=arxiv&cat=cs.CL&code=1&sort=new');
  });

  it('names the value that does not fit', () => {
    expect(failure(() => parseListQuery(from({ list: 'mine' })))).toEqual({
      code: 'invalid_list',
      message: 'list: expected "curated" or "arxiv".',
    });
    expect(failure(() => parseListQuery(from({ cat: 'CS CL' })))).toEqual({
      code: 'invalid_category',
      message: 'cat: expected an arXiv category such as cs.CL.',
    });
    expect(failure(() => parseListQuery(from({ code: 'yes' })))).toEqual({
      code: 'invalid_code',
      message: 'code: expected 1 (only papers with code).',
    });
    expect(failure(() => parseListQuery(from({ sort: 'old' })))).toEqual({
      code: 'invalid_sort',
      message: 'sort: expected "upvotes" or "new".',
    });
  });
});
