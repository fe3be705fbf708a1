import type { Context } from 'hono';
import { parseArxivId } from '../../domain/arxiv-id.ts';
import {
  MAX_SEARCH_OFFSET,
  SEARCH_MODES,
  SEARCH_SORTS,
  SearchCategory,
  SearchDay,
} from '../../search/search-options.ts';
import type { AppDeps } from '../app.ts';
import { viewerOf } from '../middleware/session.ts';
import { paperPath } from '../pages/paths.ts';
import { SEARCH_PAGE_SIZE, SearchPage, type SearchForm } from '../pages/search-page.tsx';
import { sendPage, sendSharedPage } from './render.ts';

/**
 * How long one search's results are kept: they change only when papers are stored, which drops
 * them at once on this instance; papers another instance stores show within this long. Longer
 * than other pages' few seconds, so the varied searches of many visitors are not recomputed in
 * bursts.
 */
const SEARCH_CACHE_MS = 60_000;

/** GET /papers?q=… — search; `?id=` or a pasted arXiv id goes to the paper itself. */
export function searchPage(deps: AppDeps) {
  return async (c: Context) => {
    const query = c.req.query();
    const pasted =
      parseArxivId(query.id ?? '') ??
      (/^\S+$/.test((query.q ?? '').trim()) ? parseArxivId(query.q ?? '') : null);
    if (pasted) return c.redirect(paperPath(pasted.id), query.id ? 301 : 303);
    const problems: string[] = [];
    const text = (value: string | undefined, max: number) =>
      typeof value === 'string' ? value.slice(0, max) : '';
    const day = (name: string, value: string) => {
      if (value === '' || SearchDay.safeParse(value).success) return value;
      problems.push(`"${name}" should be a date like 2026-03-18; it was left out.`);
      return '';
    };
    // The same schema as the APIs and the CLI; the form leaves out what it cannot use and says so.
    const mode = SEARCH_MODES.find((m) => m === query.mode) ?? 'hybrid';
    const sort = SEARCH_SORTS.find((m) => m === query.sort) ?? 'relevance';
    const categoryText = text(query.category, 40).trim();
    const category =
      categoryText === '' || SearchCategory.safeParse(categoryText).success ? categoryText : '';
    if (categoryText && !category)
      problems.push('A category looks like cs.CL; that one was left out.');
    const pageText = text(query.page, 6);
    const page = /^\d{1,6}$/.test(pageText) && Number(pageText) >= 1 ? Number(pageText) : 1;
    if (pageText && page === 1 && pageText !== '1')
      problems.push('That page number was not understood; showing the first page.');
    // Pages start at most at result 10,000; one further out is past the end of any list.
    const reachable = (page - 1) * SEARCH_PAGE_SIZE <= MAX_SEARCH_OFFSET;
    const form: SearchForm = {
      q: text(query.q, 500).trim(),
      mode,
      from: day('From', text(query.from, 20)),
      to: day('To', text(query.to, 20)),
      category,
      hasCode: query.code === '1' || query.code === 'on',
      sort,
      page,
    };
    const active = form.q || form.from || form.to || form.category || form.hasCode;
    const request = active
      ? {
          q: form.q,
          mode: form.mode,
          ...(form.from ? { from: form.from } : {}),
          ...(form.to ? { to: form.to } : {}),
          ...(form.category ? { categories: [form.category] } : {}),
          hasCode: form.hasCode,
          sort: form.sort,
          limit: SEARCH_PAGE_SIZE,
          offset: reachable ? (form.page - 1) * SEARCH_PAGE_SIZE : 0,
        }
      : null;
    const status = deps.search.status();
    const semanticStatus = status.semantic;
    const searchKey = `search:${status.keyword}:${semanticStatus}:${status.model?.id ?? ''}:${reachable}:${JSON.stringify(request)}`;
    // Every visitor asking the same search sees the same results: they are computed once per
    // query and search state (dropped when papers are stored; the key changes when an index or
    // model becomes ready), so many people searching at once do not each wait for the engine.
    const answer = () =>
      request
        ? deps.pageCache.get(
            searchKey,
            async () => {
              const found = await deps.search.search(request);
              const result = !reachable
                ? { ...found, hits: [], outOfRange: found.total > 0 }
                : found;
              // Keyword facets: the keywords this page's papers share, each a refinement of the query.
              const facets = await deps.keywordFacets(result.hits.map((h) => h.paper.id));
              return { result, facets };
            },
            SEARCH_CACHE_MS,
          )
        : Promise.resolve(null);
    const keep = new URLSearchParams();
    if (form.q) keep.set('q', form.q);
    if (form.mode !== 'hybrid') keep.set('mode', form.mode);
    if (form.from) keep.set('from', form.from);
    if (form.to) keep.set('to', form.to);
    if (form.category) keep.set('category', form.category);
    if (form.hasCode) keep.set('code', '1');
    if (form.sort !== 'relevance') keep.set('sort', form.sort);
    const render = async (following: boolean) => {
      const found = await answer();
      return String(
        <SearchPage
          form={form}
          result={found?.result ?? null}
          semanticStatus={semanticStatus}
          queryString={keep.toString()}
          following={following}
          facets={found?.facets ?? []}
          {...(problems.length ? { problem: problems.join(' ') } : {})}
        />,
      );
    };
    const viewer = viewerOf(c);
    // Signed out, the page holds nothing of the visitor's (no forms, no follows): the same
    // HTML for everyone asking the same thing, kept as long as the results it shows.
    if (!viewer)
      return sendSharedPage(
        c,
        deps.pageCache,
        `html:${searchKey}:${JSON.stringify(form)}:${problems.join(' ')}`,
        () => render(false),
        SEARCH_CACHE_MS,
      );
    const following = form.q.trim()
      ? await deps.personal.follows.isFollowing(viewer, 'search', form.q.trim())
      : false;
    return sendPage(c, await render(following));
  };
}
