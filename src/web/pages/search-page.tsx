import { hasTex, TexTitle } from './tex.tsx';
import type {
  HighlightPart,
  SearchMode,
  SearchResult,
  SearchStatus,
} from '../../search/search.types.ts';
import { Layout } from './layout.tsx';
import { FollowButton } from './follow-button.tsx';
import { Pager } from './pager.tsx';
import { authorLine } from './paper-card.tsx';
import { paperPath } from './paths.ts';

/** The search form's values, as given (already checked). */
export interface SearchForm {
  q: string;
  mode: SearchMode;
  from: string;
  to: string;
  category: string;
  hasCode: boolean;
  sort: 'relevance' | 'date' | 'trending';
  page: number;
}

/** Text with query matches in <mark>; every part is escaped text. */
export function Highlighted({ parts }: { parts: HighlightPart[] }) {
  return <>{parts.map((part) => (part.match ? <mark>{part.text}</mark> : part.text))}</>;
}

import type { KeywordFacet } from '../../keywords/keyword-facets.ts';

export const SEARCH_PAGE_SIZE = 20;

/** Search: the form with its filters, then highlighted results, or advice when there are none. */
export function SearchPage(props: {
  form: SearchForm;
  result: SearchResult | null;
  /** Semantic search's state as /readyz reports it. */
  semanticStatus: SearchStatus['semantic'];
  problem?: string;
  queryString: string;
  /** The signed-in member already follows this search. */
  following?: boolean;
  /** Keywords the results share, offered to narrow the search. */
  facets?: KeywordFacet[];
}) {
  const { form, result } = props;
  const title = form.q ? `Search: ${form.q}` : 'Search';
  return (
    <Layout title={title} query={form.q}>
      <h1>{form.q ? <>Results for “{form.q}”</> : 'Search papers'}</h1>
      {form.q.trim() ? (
        <FollowButton
          kind="search"
          target={form.q.trim()}
          following={props.following ?? false}
          back={`/papers?${props.queryString}`}
          label="Follow this search"
        />
      ) : null}
      <form
        action="/papers"
        method="get"
        class="search-form"
        role="search"
        aria-label="Search with filters"
      >
        <div class="field wide">
          <label for="search-q">Words, phrases in quotes, or an arXiv id</label>
          <input id="search-q" name="q" type="search" value={form.q} maxLength={500} />
        </div>
        <div class="field">
          <label for="search-mode">Mode</label>
          <select id="search-mode" name="mode">
            {(['hybrid', 'keyword', 'semantic'] as const).map((m) => (
              <option value={m} selected={form.mode === m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="search-from">From</label>
          <input id="search-from" name="from" type="date" value={form.from} />
        </div>
        <div class="field">
          <label for="search-to">To</label>
          <input id="search-to" name="to" type="date" value={form.to} />
        </div>
        <div class="field">
          <label for="search-category">Category</label>
          <input
            id="search-category"
            name="category"
            value={form.category}
            placeholder="cs.CL"
            maxLength={40}
          />
        </div>
        <div class="field">
          <label for="search-sort">Order</label>
          <select id="search-sort" name="sort">
            <option value="relevance" selected={form.sort === 'relevance'}>
              relevance
            </option>
            <option value="date" selected={form.sort === 'date'}>
              newest
            </option>
            <option value="trending" selected={form.sort === 'trending'}>
              trending this week
            </option>
          </select>
        </div>
        <div class="field check">
          <input id="search-code" name="code" type="checkbox" value="1" checked={form.hasCode} />
          <label for="search-code">Has code</label>
        </div>
        <button type="submit">Search</button>
      </form>
      {props.problem ? (
        <p class="error-text" role="alert">
          {props.problem}
        </p>
      ) : null}
      {props.facets && props.facets.length > 0 ? (
        <nav class="keywords facets" aria-label="Narrow by keyword">
          <span class="label">Keywords:</span>{' '}
          {props.facets.map((f) => (
            <a
              class="chip keyword"
              href={`/papers?q=${encodeURIComponent(`${form.q} "${f.keyword.replace(/"/g, '')}"`.trim())}`}
            >
              {f.keyword} <span class="count">{f.count}</span>
            </a>
          ))}
        </nav>
      ) : null}
      {result ? (
        <Results
          form={form}
          result={result}
          semanticStatus={props.semanticStatus}
          queryString={props.queryString}
        />
      ) : (
        <SearchTips />
      )}
    </Layout>
  );
}

/** Why another mode answered than the one asked for, in /readyz's words. */
function answeredNote(form: SearchForm, result: SearchResult, status: SearchStatus['semantic']) {
  if (result.mode === form.mode) return '';
  if (!result.semanticReady)
    return status === 'off' || status === 'failed'
      ? ` · answered by ${result.mode} search (semantic search is ${status})`
      : ` · answered by ${result.mode} search (semantic search is ${status}; it is not ready yet)`;
  return ` · answered by ${result.mode} search (this query has no topic words to compare by meaning)`;
}

function Results({
  form,
  result,
  semanticStatus,
  queryString,
}: {
  form: SearchForm;
  result: SearchResult;
  semanticStatus: SearchStatus['semantic'];
  queryString: string;
}) {
  const pages = Math.max(1, Math.ceil(Math.min(result.total, 10_000) / SEARCH_PAGE_SIZE));
  if (result.outOfRange) {
    const last = new URLSearchParams(queryString);
    last.set('page', String(pages));
    return (
      <section class="empty" aria-labelledby="no-results">
        <h2 id="no-results">Page {form.page.toLocaleString('en')} is past the end</h2>
        <p>
          {result.total.toLocaleString('en')} paper{result.total === 1 ? '' : 's'} match, on{' '}
          {pages.toLocaleString('en')} page{pages === 1 ? '' : 's'}.{' '}
          <a href={`/papers?${last.toString()}`}>Go to the last page</a>.
        </p>
      </section>
    );
  }
  if (result.hits.length === 0)
    return (
      <section class="empty" aria-labelledby="no-results">
        <h2 id="no-results">No papers match</h2>
        {result.suggestion ? (
          <p class="suggestion">
            Did you mean{' '}
            <a href={`/papers?${withQuery(queryString, result.suggestion)}`}>{result.suggestion}</a>
            ?
          </p>
        ) : null}
        <ul>
          {form.from || form.to || form.category || form.hasCode ? (
            <li>Remove some filters.</li>
          ) : null}
          {result.mode === 'keyword' && result.semanticReady ? (
            <li>Try hybrid or semantic mode, which also finds papers that use other words.</li>
          ) : null}
          <li>Check the spelling, or use fewer or more general words.</li>
          <li>
            Browse <a href="/">today's papers</a> instead.
          </li>
        </ul>
      </section>
    );
  const start = (form.page - 1) * SEARCH_PAGE_SIZE;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title" class="result-count">
        {result.total.toLocaleString('en')} paper{result.total === 1 ? '' : 's'}
        {answeredNote(form, result, semanticStatus)}
      </h2>
      <ol class="paper-list search-results" start={start + 1}>
        {result.hits.map((hit) => (
          <li>
            <article class="paper-card" data-paper-card>
              <div class="paper-body">
                <h3>
                  <a href={paperPath(hit.paper.id)}>
                    {hasTex(hit.paper.title) ? (
                      <TexTitle text={hit.paper.title} />
                    ) : hit.highlights.title.length ? (
                      <Highlighted parts={hit.highlights.title} />
                    ) : (
                      hit.paper.title
                    )}
                  </a>
                </h3>
                <p class="authors">{authorLine(hit.paper.authors)}</p>
                <p class="snippet">
                  <Highlighted parts={hit.highlights.abstract} />
                </p>
                <p class="meta">
                  <span>{hit.paper.id}</span>
                  {hit.paper.categories[0] ? <span>{hit.paper.categories[0]}</span> : null}
                  {hit.paper.listingDate ? <span>{hit.paper.listingDate}</span> : null}
                  {hit.paper.codeRepo ? <span>code</span> : null}
                </p>
              </div>
            </article>
          </li>
        ))}
      </ol>
      <Pager
        basePath="/papers"
        page={form.page}
        pageSize={SEARCH_PAGE_SIZE}
        total={Math.min(result.total, 10_000)}
        extra={queryString}
      />
    </section>
  );
}

/** The page's query string with another `q` (and from the first page). */
function withQuery(queryString: string, q: string): string {
  const params = new URLSearchParams(queryString);
  params.set('q', q);
  params.delete('page');
  return params.toString();
}

function SearchTips() {
  return (
    <section class="tips" aria-labelledby="tips-title">
      <h2 id="tips-title">Tips</h2>
      <ul>
        <li>
          <code>"diffusion transformer"</code> finds the exact phrase.
        </li>
        <li>
          <code>author:hinton</code>, <code>cat:cs.CL</code> and <code>has:code</code> narrow the
          results.
        </li>
        <li>Paste an arXiv id or address to go straight to the paper.</li>
        <li>
          Press <kbd>/</kbd> anywhere to jump to the search box.
        </li>
      </ul>
    </section>
  );
}
