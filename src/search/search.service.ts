import type { Db } from '../db/database.ts';
import { badRequest } from '../domain/errors.ts';
import type { Paper } from '../domain/paper.ts';
import type { Logger } from '../logger.ts';
import { paperFromRow } from '../papers/paper.mapper.ts';
import { highlightAll, highlightSnippet, queryMatcher, type Matcher } from './highlight.ts';
import { KeywordEngine } from './bm25/keyword-engine.ts';
import type { SearchFilters } from './keyword/keyword.types.ts';
import { suggestTitles } from './keyword/suggest.repository.ts';
import { isEmptyQuery, parseQuery } from './query-parser.ts';
import type {
  SearchHit,
  SearchMode,
  SearchQuery,
  SearchResult,
  SearchStatus,
  SearchSuggestion,
} from './search.types.ts';
import type { SemanticEngine } from './semantic/semantic-engine.ts';
import { fuse } from './hybrid.ts';
import { orderByTrending, TRENDING_SORT_DEPTH } from './trending-order.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MODES: readonly SearchMode[] = ['hybrid', 'keyword', 'semantic'];
const SORTS = ['relevance', 'date', 'trending'] as const;
/** Candidates each ranking contributes to a hybrid result. */
const FUSION_DEPTH = 100;

export interface SearchServiceDeps {
  db: Db;
  logger: Logger;
  /** The semantic side (embedder, vectors, index); null runs keyword search only. */
  semantic?: SemanticEngine | null;
}

/** Keyword, semantic and hybrid search over the papers in the store; similar papers; suggestions. */
export class SearchService {
  private readonly db: Db;
  readonly semantic: SemanticEngine | null;
  /** The in-process BM25 index, with the store's full-text search until it is built. */
  readonly keyword: KeywordEngine;

  constructor(deps: SearchServiceDeps) {
    this.db = deps.db;
    this.semantic = deps.semantic ?? null;
    this.keyword = new KeywordEngine({ db: deps.db, logger: deps.logger });
  }

  /** Runs one search; any `q` is valid, bad filters are a 400 AppError. */
  async search(input: SearchQuery): Promise<SearchResult> {
    const mode = input.mode ?? 'hybrid';
    if (!MODES.includes(mode))
      throw badRequest('bad_mode', `mode: expected one of ${MODES.join(', ')}`);
    const sort = input.sort ?? 'relevance';
    if (!SORTS.includes(sort))
      throw badRequest('bad_sort', `sort: expected one of ${SORTS.join(', ')}`);
    const limit = input.limit ?? 20;
    const offset = input.offset ?? 0;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100)
      throw badRequest('bad_limit', 'limit: expected a whole number from 1 to 100');
    if (!Number.isInteger(offset) || offset < 0 || offset > 10_000)
      throw badRequest('bad_offset', 'offset: expected a whole number from 0 to 10000');
    for (const [name, value] of [
      ['from', input.from],
      ['to', input.to],
    ] as const) {
      if (value !== undefined && value !== '' && !DAY.test(value))
        throw badRequest('bad_date', `${name}: expected a day as YYYY-MM-DD`);
    }
    const query = parseQuery(input.q ?? '');
    const matcher = queryMatcher(query);
    const filters: SearchFilters = {
      from: input.from || undefined,
      to: input.to || undefined,
      categories: [...(input.categories ?? []), ...query.categories].filter((c) => c.length <= 40),
      hasCode: Boolean(input.hasCode) || query.hasCode,
    };
    const semanticReady = this.semantic?.ready() ?? false;
    const hasFilters = filters.categories.length > 0 || filters.hasCode || query.authors.length > 0;
    if (isEmptyQuery(query) && !hasFilters && !filters.from && !filters.to)
      return { hits: [], total: 0, mode, semanticReady };
    // Trending orders the most relevant matches by their trending scores (see trending-order.ts).
    const rankSort: 'date' | 'relevance' = sort === 'date' ? 'date' : 'relevance';
    const byTrending = sort === 'trending';
    // Semantic ranking needs words to embed; a filter-only query is a keyword listing.
    const answeredBy: SearchMode =
      mode === 'keyword' || !semanticReady || isEmptyQuery(query) ? 'keyword' : mode;

    if (answeredBy === 'keyword') {
      // Ordering by trending reorders the most relevant matches, so it reads them all from the top.
      const page = byTrending
        ? {
            sort: 'relevance' as const,
            limit: Math.max(TRENDING_SORT_DEPTH, offset + limit),
            offset: 0,
          }
        : { sort: rankSort, limit, offset };
      const found = await this.keyword.search({ query, filters, ...page });
      let rows = found.rows.map((row) => ({ paper: paperFromRow(row), score: row.score }));
      if (byTrending) rows = (await orderByTrending(this.db, rows)).slice(offset, offset + limit);
      return {
        hits: rows.map((r) => this.hit(r.paper, r.score, matcher)),
        total: found.total,
        mode: answeredBy,
        semanticReady,
      };
    }
    const semantic = this.semantic!;
    const depth = Math.max(byTrending ? TRENDING_SORT_DEPTH : FUSION_DEPTH, offset + limit);
    const vectorHits = await semantic.search(input.q, depth, filters, query);
    let ranked: { paper: Paper; score: number }[];
    let total: number;
    if (answeredBy === 'semantic') {
      ranked = vectorHits;
      total = vectorHits.length;
    } else {
      const kw = await this.keyword.search({
        query,
        filters,
        sort: 'relevance',
        limit: depth,
        offset: 0,
        exactTotal: false,
      });
      const keywordHits = kw.rows.map((row) => ({ paper: paperFromRow(row), score: row.score }));
      ranked = fuse(keywordHits, vectorHits);
      total = Math.max(kw.total, ranked.length);
    }
    if (byTrending) ranked = await orderByTrending(this.db, ranked);
    else if (rankSort === 'date')
      ranked = [...ranked].sort((a, b) => dayOf(b.paper).localeCompare(dayOf(a.paper)));
    return {
      hits: ranked.slice(offset, offset + limit).map((r) => this.hit(r.paper, r.score, matcher)),
      total,
      mode: answeredBy,
      semanticReady,
    };
  }

  /** Papers nearest to this one (never itself); empty until vectors exist. */
  async similar(paperId: string, limit = 10): Promise<Paper[]> {
    if (!this.semantic?.ready()) return [];
    const n = Math.min(Math.max(1, Math.floor(limit) || 10), 100);
    return this.semantic.similar(paperId, n);
  }

  /** Titles matching what has been typed so far, the last word as a prefix. */
  async suggest(prefix: string, limit = 8): Promise<SearchSuggestion[]> {
    const text = String(prefix ?? '').slice(0, 200);
    const q = parseQuery(text);
    const terms = q.terms.slice(0, 8).map((t) => ({ ...t }));
    const last = terms[terms.length - 1];
    if (last && !/\s$/.test(text)) last.prefix = true;
    const n = Math.min(Math.max(1, Math.floor(limit) || 8), 20);
    return suggestTitles(this.db, terms, n);
  }

  status(): SearchStatus {
    return {
      keyword: this.keyword.state(),
      ...(this.semantic?.status() ?? {
        semantic: 'off',
        model: null,
        indexed: 0,
        index: 'none',
        pending: 0,
        error: null,
      }),
    };
  }

  /** Paper listener: indexes new or changed papers for keyword search, embeds and indexes their vectors. */
  async onPapersStored(papers: Paper[]): Promise<void> {
    await this.keyword.onPapersStored(papers);
    await this.semantic?.onPapersStored(papers);
  }

  /** Starts background work: training the built-in model if there is none, embedding what is missing. */
  start(): void {
    this.keyword.start();
    this.semantic?.start();
  }

  async close(): Promise<void> {
    await this.keyword.close();
    await this.semantic?.close();
  }

  private hit(paper: Paper, score: number, matcher: Matcher): SearchHit {
    return {
      paper,
      score,
      highlights: {
        title: highlightAll(paper.title, matcher),
        abstract: highlightSnippet(paper.abstract, matcher),
      },
    };
  }
}

function dayOf(p: Paper): string {
  return p.listingDate ?? p.publishedAt ?? '';
}
