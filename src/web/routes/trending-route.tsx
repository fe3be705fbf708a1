import type { Context } from 'hono';
import { parseTrendingAddress } from '../../trending/trending-query.ts';
import type { AppDeps } from '../app.ts';
import { TrendingPage, trendingHref } from '../pages/trending-page.tsx';
import { viewerOf } from '../middleware/session.ts';
import { sendPage, sendSharedPage } from './render.ts';

const PAGE_SIZE = 30;

/** GET /papers/trending?window=24h|7d|30d&category=&code=1&within=N&page=N */
export function trendingPage(deps: AppDeps) {
  return async (c: Context) => {
    const query = parseTrendingAddress((name) => c.req.query(name));
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
      const [items, { dataUntil, clock }] = await Promise.all([
        deps.trending.list({
          ...filters,
          limit: PAGE_SIZE + 1,
          offset: (query.page - 1) * PAGE_SIZE,
        }),
        deps.trending.dataClock(),
      ]);
      const shown = items.slice(0, PAGE_SIZE);
      const [listed, stars] = await Promise.all([
        deps.papers.listedActivityFor(shown.map((i) => i.paper)),
        deps.trending.starSparklines(
          clock.now(),
          shown.map((i) => i.paper.codeRepo),
        ),
      ]);
      // Past the end, the page says how long the list is rather than "nothing is trending".
      const total =
        shown.length === 0 && query.page > 1 ? await deps.trending.count(filters) : null;
      return { items: shown, listed, stars, more: items.length > PAGE_SIZE, dataUntil, total };
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
            stars: item.paper.codeRepo ? data.stars.get(item.paper.codeRepo) : undefined,
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
    if (!viewer) return sendSharedPage(c, cache, `html:${key}`, render);
    return sendPage(c, render());
  };
}
