import type { Context } from 'hono';
import type { Period } from '../../domain/periods.ts';
import type { AppDeps } from '../app.ts';
import { previousVisit } from '../middleware/last-visit.ts';
import { secureCookies, viewerOf } from '../middleware/session.ts';
import { feedLinksFor } from '../feeds/feed-links.ts';
import { ListPage, type ListPageProps } from '../pages/list-page.tsx';
import { pageNumber, sendPage, sendSharedPage } from './render.ts';
import { listQueryString, parseListQuery } from '../../papers/list-query.ts';

export const LIST_PAGE_SIZE = 50;

type ListView = Pick<
  ListPageProps,
  'heading' | 'when' | 'previous' | 'next' | 'related' | 'basePath'
>;

/**
 * Renders a period's list page: the curated list (papers put on it, by upvotes) or the rest of
 * the period's arXiv papers, with the visitor's votes, "new since last visit" badges, paging.
 * A period nobody curated shows its arXiv papers and says so. What every visitor sees alike
 * comes from the page cache under `cacheKey`; first-time visitors who are not signed in get
 * the whole page from it.
 */
export async function renderList(
  c: Context,
  deps: AppDeps,
  cacheKey: string,
  load: () => Promise<{
    period: Period;
    view: ListView;
    /** A day's nearest days with papers, when the caller already looked them up. */
    nearest?: { before: string | null; after: string | null };
  }>,
) {
  const page = pageNumber(c.req.query('page'));
  const asked = parseListQuery((name) => c.req.query(name));
  const cache = deps.pageCache;
  const query = listQueryString(asked);
  const key = `list:${cacheKey}:${query}:${page}`;
  const data = await cache.get(key, async () => {
    const { period, view, nearest: known } = await load();
    const [curatedTotal, arxivTotal, nearest, { dataUntil }] = await Promise.all([
      deps.lists.count(period, { section: 'curated' }),
      deps.lists.count(period, { section: 'arxiv' }),
      known ??
        (period.kind === 'day'
          ? deps.papers.nearestListDays(period.from)
          : Promise.resolve({ before: null, after: null })),
      deps.trending.dataClock(),
    ]);
    // Nobody put papers on this period's list: its arXiv papers are the useful view.
    const uncurated = curatedTotal === 0 && arxivTotal > 0;
    const section = uncurated ? 'arxiv' : asked.section;
    const filters = {
      section,
      ...(asked.category ? { category: asked.category } : {}),
      ...(asked.hasCode ? { hasCode: true } : {}),
    } as const;
    const filtered = asked.category || asked.hasCode;
    const [listed, total, categories] = await Promise.all([
      deps.lists.list(period, {
        ...filters,
        sort: asked.sort,
        limit: LIST_PAGE_SIZE,
        offset: (page - 1) * LIST_PAGE_SIZE,
      }),
      filtered
        ? deps.lists.count(period, filters)
        : Promise.resolve(section === 'arxiv' ? arxivTotal : curatedTotal),
      section === 'arxiv' ? deps.lists.categories(period, 'arxiv') : Promise.resolve([]),
    ]);
    return {
      period,
      view,
      listed,
      total,
      nearest,
      curatedTotal,
      arxivTotal,
      section,
      uncurated,
      categories,
      dataUntil,
    };
  });
  const viewer = viewerOf(c);
  const since = previousVisit(c, deps.clock.now(), secureCookies(c, deps));
  const voted = viewer
    ? await deps.papers.votedAmong(
        viewer.id,
        data.listed.map((l) => l.paper.id),
      )
    : new Set<string>();
  const libraryState = await deps.personal.library.stateOf(
    viewer,
    data.listed.map((l) => l.paper.id),
  );
  const render = () =>
    String(
      <ListPage
        {...data.view}
        period={data.period}
        curators={deps.config.curators}
        items={data.listed.map((l) => ({
          ...l,
          isNew: since !== null && Date.parse(l.addedAt) > since.getTime(),
          voted: voted.has(l.paper.id),
          saved: libraryState.get(l.paper.id)?.saved ?? false,
        }))}
        total={data.total}
        page={page}
        pageSize={LIST_PAGE_SIZE}
        nearest={data.nearest}
        sections={{
          active: data.section,
          curated: data.curatedTotal,
          arxiv: data.arxivTotal,
          uncurated: data.uncurated,
        }}
        query={{ ...asked, section: data.section }}
        categories={data.categories}
        dataUntil={data.dataUntil}
        feeds={
          // Unpinned feeds, so a reader subscribed from any list page keeps getting new days.
          data.period.kind === 'day' ? feedLinksFor('daily') : feedLinksFor('weekly')
        }
      />,
    );
  // Signed out with nothing new to mark: the page is the same for everyone.
  if (!viewer && since === null) return sendSharedPage(c, cache, `html:${key}`, render);
  return sendPage(c, render());
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Wednesday, 18 March 2026" */
export const formatDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));
/** "18 Mar" */
export const formatShortDay = (day: string) => shortFormat.format(new Date(`${day}T00:00:00Z`));
/** "March 2026" */
export const formatMonth = (from: string) => monthFormat.format(new Date(`${from}T00:00:00Z`));
