import type { Context } from 'hono';
import { badRequest } from '../../domain/errors.ts';

const CATEGORY = /^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$/;

/** What a list page's query asks for: which section, filtered how, in which order. */
export interface ListQuery {
  section: 'curated' | 'arxiv';
  category: string | null;
  hasCode: boolean;
  sort: 'upvotes' | 'published';
}

/** Reads `?list=arxiv&cat=cs.CL&code=1&sort=new`; a bad value is a clear 400. */
export function parseListQuery(c: Context): ListQuery {
  const list = c.req.query('list');
  const cat = c.req.query('cat');
  const code = c.req.query('code');
  const sort = c.req.query('sort');
  if (list !== undefined && list !== 'arxiv' && list !== 'curated')
    throw badRequest('invalid_list', 'list: expected "curated" or "arxiv".');
  if (cat !== undefined && cat !== '' && !CATEGORY.test(cat))
    throw badRequest('invalid_category', 'cat: expected an arXiv category such as cs.CL.');
  if (code !== undefined && code !== '' && code !== '1')
    throw badRequest('invalid_code', 'code: expected 1 (only papers with code).');
  if (sort !== undefined && sort !== '' && sort !== 'new' && sort !== 'upvotes')
    throw badRequest('invalid_sort', 'sort: expected "upvotes" or "new".');
  return {
    section: list === 'arxiv' ? 'arxiv' : 'curated',
    category: cat ? cat : null,
    hasCode: code === '1',
    sort: sort === 'new' ? 'published' : 'upvotes',
  };
}

/** The query string that asks for `q` (empty for the default view). */
export function listQueryString(q: ListQuery): string {
  const params = new URLSearchParams();
  if (q.section === 'arxiv') params.set('list', 'arxiv');
  if (q.category) params.set('cat', q.category);
  if (q.hasCode) params.set('code', '1');
  if (q.sort === 'published') params.set('sort', 'new');
  return params.toString();
}
