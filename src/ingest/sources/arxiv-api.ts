import { fetchRemote, type RemoteClient } from '../http/remote-fetch.ts';
import type { RateLimiter } from '../http/rate-limiter.ts';
import { parseArxivAtom, type ArxivAtomPage } from './arxiv-atom.ts';
import { SourceError } from './source-error.ts';

export const ARXIV_API_SOURCE = 'arxiv-api';

/** What to ask the arXiv query API for; the parts given are combined with AND. */
export interface ArxivQuery {
  categories?: string[];
  /** Submitted on or after this day (YYYY-MM-DD). */
  from?: string;
  /** Submitted on or before this day (YYYY-MM-DD). */
  to?: string;
  /** Free text in arXiv's query syntax, e.g. `ti:diffusion AND abs:video`. */
  query?: string;
  ids?: string[];
}

/** The `search_query` and `id_list` parameters for a query. */
export function queryParameters(query: ArxivQuery): { searchQuery: string; idList: string } {
  const parts: string[] = [];
  const categories = query.categories ?? [];
  if (categories.length === 1) parts.push(`cat:${categories[0]}`);
  if (categories.length > 1) parts.push(`(${categories.map((c) => `cat:${c}`).join(' OR ')})`);
  if (query.from || query.to) {
    const from = (query.from ?? '1991-01-01').replaceAll('-', '');
    const to = (query.to ?? '2999-12-31').replaceAll('-', '');
    parts.push(`submittedDate:[${from}0000 TO ${to}2359]`);
  }
  if (query.query) parts.push(parts.length > 0 ? `(${query.query})` : query.query);
  return { searchQuery: parts.join(' AND '), idList: (query.ids ?? []).join(',') };
}

/** The request URL for one page of a query. */
export function arxivApiUrl(base: string, query: ArxivQuery, start: number, max: number): string {
  const { searchQuery, idList } = queryParameters(query);
  const params = new URLSearchParams({ search_query: searchQuery, id_list: idList });
  // Newest first, so a run that meets a page it already has can stop there.
  if (searchQuery) {
    params.set('sortBy', 'submittedDate');
    params.set('sortOrder', 'descending');
  }
  params.set('start', String(start));
  params.set('max_results', String(max));
  return `${base}?${params.toString()}`;
}

/** A stable name for a query, under which its paging position is saved. */
export function arxivQueryKey(query: ArxivQuery): string {
  const { searchQuery, idList } = queryParameters(query);
  return `${ARXIV_API_SOURCE}:${searchQuery}|${idList}`;
}

/**
 * Fetches and parses one page. The API answers a bad query with HTTP 400 and an error feed,
 * which becomes a SourceError carrying arXiv's reason; other failures name the status.
 */
export async function fetchArxivApiPage(
  http: { client: RemoteClient; limiter: RateLimiter; onAttempt?: () => void },
  base: string,
  query: ArxivQuery,
  start: number,
  max: number,
): Promise<ArxivAtomPage> {
  const url = arxivApiUrl(base, query, start, max);
  const response = await fetchRemote(http.client, ARXIV_API_SOURCE, url, {
    limiter: http.limiter,
    accept: 'application/atom+xml, application/xml;q=0.9',
    unusable: unusableAtom,
    ...(http.onAttempt ? { onAttempt: http.onAttempt } : {}),
  });
  if (response.status !== 200 && response.status !== 400)
    throw new SourceError(ARXIV_API_SOURCE, `${url} answered HTTP ${response.status}`);
  const page = parseArxivAtom(response.body, ARXIV_API_SOURCE, {
    invalidUtf8: response.invalidUtf8,
  });
  if (response.status === 400)
    throw new SourceError(ARXIV_API_SOURCE, `${url} answered HTTP 400 without a reason`);
  return page;
}

/**
 * Why a 200 answer is not a usable Atom feed: arXiv's front end sometimes answers an HTML error
 * page with status 200, and a connection cut mid-body leaves a feed without its end tag. Both
 * are transient, so they are retried like a 5xx.
 */
export function unusableAtom(response: {
  status: number;
  body: string;
  headers: Headers;
}): string | null {
  if (response.status !== 200) return null;
  const head = response.body.trimStart().slice(0, 200).toLowerCase();
  const type = response.headers.get('content-type') ?? '';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || type.includes('text/html')) {
    const title = /<title>([^<]{0,100})<\/title>/i.exec(response.body)?.[1]?.trim();
    return `an HTML page instead of Atom${title ? ` ("${title}")` : ''}`;
  }
  if (!/<\/(?:\w+:)?feed>\s*$/.test(response.body))
    return 'a truncated Atom feed (no closing </feed>)';
  return null;
}
