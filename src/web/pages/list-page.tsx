import type { Period } from '../../domain/periods.ts';
import { Layout } from './layout.tsx';
import { Pager } from './pager.tsx';
import { PaperCard, type ListItem } from './paper-card.tsx';
import { dayPath } from './paths.ts';
import { SubscribeBanner } from './subscribe-banner.tsx';

export interface ListPageProps {
  period: Period;
  /** "Daily Papers", "Weekly Papers" … */
  heading: string;
  /** Human form of the period, e.g. "Wednesday, 18 March 2026". */
  when: string;
  curators: string;
  items: ListItem[];
  total: number;
  page: number;
  pageSize: number;
  basePath: string;
  /** Links to the neighbouring periods that have papers. */
  previous: { href: string; label: string } | null;
  next: { href: string; label: string } | null;
  /** Other views of the same time: the week and month of a day, and so on. */
  related: { href: string; label: string }[];
  /** For an empty day: the nearest days that have papers. */
  nearest: { before: string | null; after: string | null };
  feeds?: { type: string; title: string; href: string }[];
}

/** A day's, week's or month's list of papers, ordered by upvotes then by when they were added. */
export function ListPage(props: ListPageProps) {
  const back = props.page > 1 ? `${props.basePath}?page=${props.page}` : props.basePath;
  const start = (props.page - 1) * props.pageSize;
  return (
    <Layout title={`${props.heading} · ${props.period.label}`} feeds={props.feeds ?? []}>
      <header class="list-header">
        <h1>{props.heading}</h1>
        <p class="lede">by {props.curators} and the research community</p>
        <p class="when">
          <time datetime={props.period.from}>{props.when}</time>
          {props.total > 0
            ? ` · ${props.total.toLocaleString('en')} paper${props.total === 1 ? '' : 's'}`
            : ''}
        </p>
      </header>
      <nav class="period-nav" aria-label="Dates">
        {props.previous ? (
          <a href={props.previous.href} rel="prev" data-nav="prev">
            ← {props.previous.label}
          </a>
        ) : null}
        <form action="/papers/date" method="get" class="date-picker">
          <label for="date-picker">Go to date</label>
          <input
            id="date-picker"
            type="date"
            name="date"
            value={props.period.kind === 'day' ? props.period.from : ''}
            required
          />
          <button type="submit">Go</button>
        </form>
        {props.related.map((r) => (
          <a href={r.href}>{r.label}</a>
        ))}
        {props.next ? (
          <a href={props.next.href} rel="next" data-nav="next">
            {props.next.label} →
          </a>
        ) : null}
      </nav>
      <SubscribeBanner />
      {props.items.length === 0 ? (
        <EmptyList {...props} />
      ) : (
        <ol class="paper-list" start={start + 1}>
          {props.items.map((item) => (
            <li>
              <PaperCard
                item={item}
                back={back}
                {...(props.period.kind === 'day' ? { day: props.period.from } : {})}
              />
            </li>
          ))}
        </ol>
      )}
      <Pager
        basePath={props.basePath}
        page={props.page}
        pageSize={props.pageSize}
        total={props.total}
      />
    </Layout>
  );
}

function EmptyList(props: ListPageProps) {
  const { before, after } = props.nearest;
  if (props.total > 0)
    return (
      <p class="empty">
        This list has only {props.total} papers; <a href={props.basePath}>go to its first page</a>.
      </p>
    );
  return (
    <section class="empty" aria-labelledby="empty-title">
      <h2 id="empty-title">No papers for {props.period.label}</h2>
      <p>
        arXiv announces new papers Sunday to Thursday evenings (US Eastern), so weekends and
        holidays have no list.
      </p>
      {before || after ? (
        <p>
          Nearest days with papers: {before ? <a href={dayPath(before)}>{before}</a> : null}
          {before && after ? ' and ' : null}
          {after ? <a href={dayPath(after)}>{after}</a> : null}.
        </p>
      ) : (
        <p>
          There are no papers yet. Import some with <code>folio import FILE</code>, or{' '}
          <a href="/submit">submit one</a>.
        </p>
      )}
    </section>
  );
}
