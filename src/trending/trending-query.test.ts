import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { parseTrendingAddress, parseTrendingQuery, parseTrendingWindow } from './trending-query.ts';

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

describe('the trending query', () => {
  it('fills in the defaults', () => {
    expect(parseTrendingQuery({})).toEqual({
      window: '24h',
      hasCode: false,
      limit: 30,
      offset: 0,
    });
  });

  it('names what does not fit with the code the API answers', () => {
    expect(failure(() => parseTrendingQuery({ window: '1y' as never }))).toEqual({
      code: 'invalid_window',
      message: 'window: expected 24h, 7d or 30d',
    });
    expect(failure(() => parseTrendingQuery({ category: 'CS CL' }))).toEqual({
      code: 'invalid_category',
      message: 'category: expected an arXiv category such as cs.CL',
    });
    expect(failure(() => parseTrendingQuery({ limit: 1001 }))).toEqual({
      code: 'invalid_limit',
      message: 'limit: expected a whole number from 1 to 1000',
    });
    expect(failure(() => parseTrendingQuery({ publishedWithinDays: 0 }))).toEqual({
      code: 'invalid_published_within',
      message: 'published within: expected a number of days',
    });
  });

  it('knows the three windows and nothing else', () => {
    expect(['24h', '7d', '30d', '1y', '', null].map(parseTrendingWindow)).toEqual([
      '24h',
      '7d',
      '30d',
      null,
      null,
      null,
    ]);
  });
});

describe('the trending page address', () => {
  it('reads an empty address as the 24-hour list, first page', () => {
    expect(parseTrendingAddress(from({}))).toEqual({
      window: '24h',
      category: '',
      hasCode: false,
      within: null,
      page: 1,
    });
  });

  it('reads every filter the form sends', () => {
    expect(
      parseTrendingAddress(
        from({ window: '7d', category: ' cs.CL ', code: 'on', within: '30', page: '3' }),
      ),
    ).toEqual({ window: '7d', category: 'cs.CL', hasCode: true, within: 30, page: 3 });
  });

  it('answers a value the form cannot send with a 400 naming it', () => {
    expect(failure(() => parseTrendingAddress(from({ window: '1y' })))).toEqual({
      code: 'invalid_window',
      message: 'window: expected 24h, 7d or 30d.',
    });
    expect(failure(() => parseTrendingAddress(from({ within: '2' })))).toEqual({
      code: 'invalid_within',
      message: 'within: expected one of 1, 3, 7, 30, 90, 365 days.',
    });
    expect(failure(() => parseTrendingAddress(from({ page: '101' })))).toEqual({
      code: 'invalid_page',
      message: 'page: expected a page number from 1 to 100.',
    });
    expect(failure(() => parseTrendingAddress(from({ page: 'abc' }))).code).toBe('invalid_page');
    expect(failure(() => parseTrendingAddress(from({ code: 'yes' }))).code).toBe('invalid_code');
  });
});
