import type { Context } from 'hono';
import { badRequest } from '../../domain/errors.ts';
import {
  countTrending,
  listTrending,
  parseTrendingWindow,
} from '../../trending/trending.service.ts';
import type { AppDeps } from '../app.ts';
import {
  TrendingPage,
  trendingHref,
  WITHIN_CHOICES,
  type TrendingQuery,
} from '../pages/trending-page.tsx';
import { dataClock } from '../../trending/data-clock.ts';
import { viewerOf } from '../middleware/session.ts';
import { sendPage } from './render.ts';

const PAGE_SIZE = 30;

/** GET /papers/trending?window=24h|7d|30d&category=&code=1&within=N&page=N */
export function trendingPage(deps: AppDeps) {
  return async (c: Context) => {
    const query = parseTrendingQuery((name) => c.req.query(name));
    const cache = deps.pageCache;
    const key = `trending:${trendingHref(query)}`;
    // What every visitor sees alike is cached like the home page's list.
    const data = await cache.get(key, async () => {
      const filters = {
        window: query.window,
        ...(query.category ? { category: query.category } : {}),
        ...(query.hasCode ? { hasCode: true } : {}),
        ...(query.within ? { publishedWithinDays: query.within } : {}),
      };
      const [items, { dataUntil }] = await Promise.all([
        listTrending(deps.db, deps.clock, {
          ...filters,
          limit: PAGE_SIZE + 1,
          offset: (query.page - 1) * PAGE_SIZE,
        }),
        dataClock(deps.db, deps.clock),
      ]);
      const shown = items.slice(0, PAGE_SIZE);
      const listed = await deps.papers.listedActivityFor(shown.map((i) => i.paper));
      // Past the end, the page says how long the list is rather than "nothing is trending".
      const total =
        shown.length === 0 && query.page > 1
          ? await countTrending(deps.db, deps.clock, filters)
          : null;
      return { items: shown, listed, more: items.length > PAGE_SIZE, dataUntil, total };
    });
    const viewer = viewerOf(c);
    const voted = viewer
      ? await deps.papers.votedAmong(
          viewer.id,
          data.items.map((i) => i.paper.id),
        )
      : new Set<string>();
    const render = () =>
      String(
        <TrendingPage
          query={query}
          items={data.items.map((item, i) => ({
            ...item,
            listed: {
              ...data.listed[i]!,
              // Trending's star count follows the repository (renames, the latest sync).
              githubStars: item.githubStars ?? data.listed[i]!.githubStars,
              isNew: false,
              voted: voted.has(item.paper.id),
            },
          }))}
          more={data.more}
          dataUntil={data.dataUntil}
          pastEnd={data.total === null ? null : { total: data.total, pageSize: PAGE_SIZE }}
        />,
      );
    if (!viewer) return sendPage(c, await cache.get(`html:${key}`, async () => render()));
    return sendPage(c, render());
  };
}

/** Reads the page's filters from its address; a value that does not fit is a clear 400. */
export function parseTrendingQuery(get: (name: string) => string | undefined): TrendingQuery {
  const windowText = get('window') || '24h';
  const window = parseTrendingWindow(windowText);
  if (!window) throw badRequest('invalid_window', 'window: expected 24h, 7d or 30d.');
  const category = (get('category') ?? '').trim();
  const code = get('code');
  if (code !== undefined && !['', '0', '1', 'on', 'true'].includes(code))
    throw badRequest('invalid_code', 'code: expected 1 to show only papers with code.');
  const withinText = get('within') ?? '';
  const within = withinText === '' ? null : Number(withinText);
  if (within !== null && !WITHIN_CHOICES.includes(within as (typeof WITHIN_CHOICES)[number]))
    throw badRequest(
      'invalid_within',
      `within: expected one of ${WITHIN_CHOICES.join(', ')} days.`,
    );
  const pageText = get('page') ?? '';
  const page = pageText === '' ? 1 : Number(pageText);
  if (!/^\d{0,4}$/.test(pageText) || page < 1 || page > 100)
    throw badRequest('invalid_page', 'page: expected a page number from 1 to 100.');
  return {
    window,
    category,
    hasCode: code === '1' || code === 'on' || code === 'true',
    within,
    page,
  };
}
