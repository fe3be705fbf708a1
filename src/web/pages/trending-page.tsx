import { signalSummary } from '../../trending/signals/index.ts';
import { WITHIN_CHOICES, type TrendingAddress } from '../../trending/trending-query.ts';
import type { TrendingItem, TrendingWindow } from '../../trending/trending.service.ts';
import { feedLinksFor } from '../feeds/feed-links.ts';
import { Layout } from './layout.tsx';
import { DataNote } from './data-note.tsx';
import { PaperCard, type ListItem } from './paper-card.tsx';
import { trendingReason } from './trending-reason.ts';
import { drawsSparkline, StarSparkline } from './star-sparkline.tsx';
import type { StarSeries } from '../../trending/activity.service.ts';

/** The filters a trending page was asked for, as they appear in its address. */
export type TrendingQuery = TrendingAddress;

export interface TrendingPageProps {
  query: TrendingQuery;
  items: (TrendingItem & { listed: ListItem; stars?: StarSeries | undefined })[];
  /** The demo's last day when the windows end there; null when they end now. */
  dataUntil: string | null;
  /** Whether another page follows. */
  more: boolean;
  /** Set when the asked page lies past the end: how many papers the list has. */
  pastEnd?: { total: number; pageSize: number } | null;
}

const WINDOWS: { value: TrendingWindow; label: string }[] = [
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
];

/** The address of a trending page with these filters (only what differs from the defaults). */
export function trendingHref(q: TrendingQuery, change: Partial<TrendingQuery> = {}): string {
  const v = { ...q, ...change };
  const params = new URLSearchParams();
  if (v.window !== '24h') params.set('window', v.window);
  if (v.category) params.set('category', v.category);
  if (v.hasCode) params.set('code', '1');
  if (v.within) params.set('within', String(v.within));
  if (v.page > 1) params.set('page', String(v.page));
  const text = params.toString();
  return text ? `/papers/trending?${text}` : '/papers/trending';
}

/** /papers/trending: window tabs, filters as a GET form, and cards that say why each paper is here. */
export function TrendingPage({ query, items, more, dataUntil, pastEnd }: TrendingPageProps) {
  const back = trendingHref(query);
  return (
    <Layout title="Trending papers" feeds={feedLinksFor('trending', { window: query.window })}>
      <h1>Trending papers</h1>
      <p class="lede">
        Ranked by recent {signalSummary()}, newer papers first.{' '}
        <a href="/about/trending">How trending works</a>
      </p>
      <DataNote dataUntil={dataUntil} />
      <nav class="list-tabs" aria-label="Time window">
        {WINDOWS.map((w) => (
          <a
            href={trendingHref(query, { window: w.value, page: 1 })}
            aria-current={w.value === query.window ? 'page' : undefined}
          >
            {w.label}
          </a>
        ))}
      </nav>
      <form class="filters" action="/papers/trending" method="get">
        {query.window !== '24h' ? <input type="hidden" name="window" value={query.window} /> : null}
        <label>
          Category{' '}
          <input
            name="category"
            value={query.category}
            placeholder="e.g. cs.CL"
            maxLength={40}
            size={8}
            pattern="[a-z][a-z\-]*(\.[A-Za-z][A-Za-z\-]*)?"
          />
        </label>{' '}
        <label>
          <input type="checkbox" name="code" value="1" checked={query.hasCode} /> With code
        </label>{' '}
        <label>
          Published within{' '}
          <select name="within">
            <option value="" selected={query.within === null}>
              any time
            </option>
            {WITHIN_CHOICES.map((d) => (
              <option value={String(d)} selected={query.within === d}>
                {d === 1 ? '1 day' : `${d} days`}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">Filter</button>
      </form>
      {items.length === 0 && pastEnd ? (
        <PastTheEnd query={query} total={pastEnd.total} pageSize={pastEnd.pageSize} />
      ) : items.length === 0 ? (
        <p class="empty">
          Nothing is trending{' '}
          {query.category || query.hasCode || query.within ? 'with these filters ' : ''}
          yet. Papers appear here once members upvote, comment on or view them, or their code gains
          stars.
        </p>
      ) : (
        <ol class="paper-list trending-list" start={items[0]!.rank}>
          {items.map((item) => (
            <li>
              <PaperCard
                item={item.listed}
                back={back}
                rank={item.rank}
                reason={trendingReason(item.explanation, query.window)}
                sparkline={
                  drawsSparkline(item.stars) ? <StarSparkline series={item.stars} /> : undefined
                }
              />
            </li>
          ))}
        </ol>
      )}
      <nav class="pager" aria-label="Pages">
        {query.page > 1 ? (
          <a rel="prev" href={trendingHref(query, { page: query.page - 1 })}>
            Previous
          </a>
        ) : null}{' '}
        {more ? (
          <a rel="next" href={trendingHref(query, { page: query.page + 1 })}>
            Next
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}

/** What a page past the last one says: how long the list is, and a way back to it. */
function PastTheEnd(props: { query: TrendingQuery; total: number; pageSize: number }) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const papers = `${props.total.toLocaleString('en')} paper${props.total === 1 ? '' : 's'}`;
  return (
    <p class="empty">
      There is no page {props.query.page}: this list has {papers} on {pages} page
      {pages === 1 ? '' : 's'}.{' '}
      <a href={trendingHref(props.query, { page: props.total === 0 ? 1 : pages })}>
        Go to its {props.total === 0 || pages === 1 ? 'first' : 'last'} page
      </a>
      .
    </p>
  );
}
