import type { Period } from '../../domain/periods.ts';
import { Layout } from './layout.tsx';
import { Pager } from './pager.tsx';
import { PaperCard, type ListItem } from './paper-card.tsx';
import { dayPath } from './paths.ts';
import { SubscribeBanner } from './subscribe-banner.tsx';
import { DataNote } from './data-note.tsx';
import { listQueryString, type ListQuery } from '../../papers/list-query.ts';

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
  /** The two sections of a period and which one is shown. */
  sections: {
    active: 'curated' | 'arxiv';
    curated: number;
    arxiv: number;
    /** Nobody put papers on this period's list: the arXiv section is shown instead. */
    uncurated: boolean;
  };
  query: ListQuery;
  /** The demo's last day, while the store holds only the bundled demo. */
  dataUntil?: string | null;
  /** The arXiv section's main categories, for its filter. */
  categories: { category: string; count: number }[];
}

const PERIOD_WORD = { day: 'day', week: 'week', month: 'month' } as const;

/** The list and the arXiv announcements beside it, as two tabs with their counts. */
function SectionTabs(props: ListPageProps) {
  const { sections, basePath } = props;
  const word = PERIOD_WORD[props.period.kind];
  const arxivHref = `${basePath}?list=arxiv`;
  const newWord = props.period.kind === 'day' ? 'new' : 'listed';
  return (
    <nav class="list-tabs" aria-label="Sections">
      {sections.curated > 0 ? (
        <a href={basePath} aria-current={sections.active === 'curated' ? 'page' : undefined}>
          The {word}'s list <span class="count">{sections.curated.toLocaleString('en')}</span>
        </a>
      ) : null}
      {sections.arxiv > 0 ? (
        <a href={arxivHref} aria-current={sections.active === 'arxiv' ? 'page' : undefined}>
          All {sections.arxiv.toLocaleString('en')} {newWord} on arXiv
        </a>
      ) : null}
    </nav>
  );
}

/** What kind of list this is, in one sentence. */
function ListKind(props: ListPageProps) {
  const { sections } = props;
  const word = PERIOD_WORD[props.period.kind];
  if (sections.uncurated)
    return (
      <p class="list-kind">
        Nobody has put papers on this {word}'s list yet, so this is every paper arXiv announced (or
        first published) in it, most upvoted first. Upvote or <a href="/submit">submit</a> papers to
        start the list.
      </p>
    );
  if (sections.active === 'arxiv')
    return (
      <p class="list-kind">
        The rest of this {word}'s arXiv papers: not on the list (yet). Filter by category or code.
      </p>
    );
  return (
    <p class="list-kind">
      Papers people put on this {word}'s list (submitted here or on Hugging Face daily papers),
      ranked by {props.query.sort === 'published' ? 'publication date, newest first' : 'upvotes'}.{' '}
      {props.query.sort === 'published' ? (
        <a href={props.basePath}>Rank by upvotes</a>
      ) : (
        <a href={`${props.basePath}?sort=new`}>Newest first</a>
      )}
    </p>
  );
}

/** The arXiv section's filter: category and has-code, a plain GET form. */
function ArxivFilter(props: ListPageProps) {
  if (props.sections.active !== 'arxiv') return null;
  const q = props.query;
  const chip = (label: string, next: Partial<ListQuery>, active: boolean) => (
    <a
      class="chip"
      href={`${props.basePath}?${listQueryString({ ...q, ...next, section: 'arxiv' })}`}
      aria-current={active ? 'true' : undefined}
    >
      {label}
    </a>
  );
  return (
    <nav class="filters" aria-label="Filter">
      {chip('All categories', { category: null }, q.category === null)}
      {props.categories.map((c) =>
        chip(`${c.category} (${c.count})`, { category: c.category }, q.category === c.category),
      )}
      {chip(q.hasCode ? '✓ Has code' : 'Has code', { hasCode: !q.hasCode }, q.hasCode)}
    </nav>
  );
}

/** A day's, week's or month's list of papers, ordered by upvotes then by when they were added. */
export function ListPage(props: ListPageProps) {
  // An uncurated period already opens on its arXiv papers, so its links need not ask for them.
  const query = listQueryString(
    props.sections.uncurated ? { ...props.query, section: 'curated' } : props.query,
  );
  const pageQuery = props.page > 1 ? `page=${props.page}` : '';
  const backQuery = [query, pageQuery].filter(Boolean).join('&');
  const back = backQuery ? `${props.basePath}?${backQuery}` : props.basePath;
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
        <DataNote dataUntil={props.dataUntil ?? null} />
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
      <SectionTabs {...props} />
      <ListKind {...props} />
      <ArxivFilter {...props} />
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
      <SubscribeBanner />
      <Pager
        basePath={props.basePath}
        page={props.page}
        pageSize={props.pageSize}
        total={props.total}
        {...(query ? { extra: query } : {})}
      />
    </Layout>
  );
}

function EmptyList(props: ListPageProps) {
  const { before, after } = props.nearest;
  if (props.total > 0) {
    const pages = Math.ceil(props.total / props.pageSize);
    return (
      <p class="empty">
        There is no page {props.page}: this list has {props.total.toLocaleString('en')} paper
        {props.total === 1 ? '' : 's'} on {pages} page
        {pages === 1 ? '' : 's'}. <a href={props.basePath}>Go to its first page</a>.
      </p>
    );
  }
  if (props.sections.curated + props.sections.arxiv > 0)
    return <p class="empty">No papers match this filter.</p>;
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
