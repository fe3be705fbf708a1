import { describe, expect, it } from 'vitest';
import { arxivApiUrl, arxivQueryKey, queryParameters } from './arxiv-api.ts';

describe('arXiv query API requests', () => {
  it('combines categories, a submission date range and a free query with AND', () => {
    expect(
      queryParameters({
        categories: ['cs.CV', 'cs.LG'],
        from: '2026-03-01',
        to: '2026-03-07',
        query: 'ti:diffusion',
      }),
    ).toEqual({
      searchQuery:
        '(cat:cs.CV OR cat:cs.LG) AND submittedDate:[202603010000 TO 202603072359] AND (ti:diffusion)',
      idList: '',
    });
    expect(queryParameters({ categories: ['cs.CL'] }).searchQuery).toBe('cat:cs.CL');
    expect(queryParameters({ ids: ['2401.00001', 'hep-th/9901001v2'] })).toEqual({
      searchQuery: '',
      idList: '2401.00001,hep-th/9901001v2',
    });
  });

  it('asks for the newest first and pages with start and max_results', () => {
    const url = new URL(
      arxivApiUrl('https://export.arxiv.org/api/query', { categories: ['cs.CV'] }, 200, 100),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      search_query: 'cat:cs.CV',
      id_list: '',
      sortBy: 'submittedDate',
      sortOrder: 'descending',
      start: '200',
      max_results: '100',
    });
    expect(arxivQueryKey({ categories: ['cs.CV'] })).toBe('arxiv-api:cat:cs.CV|');
  });
});
