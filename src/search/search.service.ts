import type { Db } from '../db/database.ts';
import type { Paper } from '../domain/paper.ts';
import type { Logger } from '../logger.ts';
import { paperFromRow } from '../papers/paper.mapper.ts';
import { highlightAll, highlightSnippet, queryMatcher, type Matcher } from './highlight.ts';
import { KeywordEngine } from './bm25/keyword-engine.ts';
import type { SearchFilters } from './keyword/keyword.types.ts';
import { suggestTitles } from './keyword/suggest.repository.ts';
import { paperRowsByPid } from './bm25/bm25.repository.ts';
import { rankedList, type RankedEntry } from './ranked-list.ts';
import { parseSearchOptions } from './search-options.ts';
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
import { orderByTrending, TRENDING_SORT_DEPTH } from './trending-order.ts';

export interface SearchServiceDeps {
  db: Db;
  logger: Logger;
  /** The semantic side (embedder, vectors, index); null runs keyword search only. */
  semantic?: SemanticEngine | null;
  /** Where the keyword index is saved for one-off processes (see bm25-snapshot.ts). */
  keywordSnapshot?: string | null;
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
    this.keyword = new KeywordEngine({
      db: deps.db,
      logger: deps.logger,
      snapshotFile: deps.keywordSnapshot ?? null,
    });
  }

  /**
   * Runs one search; any `q` is valid, bad options are a 400 AppError. A page is a slice of one
   * fixed ranked list (see ranked-list.ts); a page past its end says so (`outOfRange`).
   */
  async search(input: SearchQuery): Promise<SearchResult> {
    const options = parseSearchOptions(input);
    const { mode, sort, limit, offset } = options;
    const query = parseQuery(options.q);
    const matcher = queryMatcher(query);
    const filters: SearchFilters = {
      from: options.from,
      to: options.to,
      categories: [...options.categories, ...query.categories].filter((c) => c.length <= 40),
      hasCode: options.hasCode || query.hasCode,
    };
    const semanticReady = this.semantic?.ready() ?? false;
    const hasFilters =
      filters.categories.length > 0 ||
      filters.hasCode ||
      query.authors.length > 0 ||
      Boolean(filters.from || filters.to);
    const empty: SearchResult = { hits: [], total: 0, mode, semanticReady, suggestion: null };
    if (isEmptyQuery(query) && !hasFilters) return empty;
    // Semantic ranking needs words to embed; a filter-only query is a keyword listing, and a
    // stopword-only query is a title match, which only words can make.
    const answeredBy: SearchMode =
      mode === 'keyword' || !semanticReady || isEmptyQuery(query) || query.stopwordTitle
        ? 'keyword'
        : mode;
    const byTrending = sort === 'trending';
    const list = await rankedList(this.keyword, this.semantic, {
      query,
      text: options.q,
      filters,
      mode: answeredBy,
      sort: sort === 'date' ? 'date' : 'relevance',
      depth: byTrending ? Math.max(TRENDING_SORT_DEPTH, offset + limit) : offset + limit,
    });
    let entries = list.entries;
    if (byTrending) entries = await this.trendingFirst(entries);
    const result: SearchResult = { ...empty, total: list.total, mode: answeredBy };
    if (list.total === 0) return { ...result, suggestion: this.keyword.suggest(query) };
    if (offset >= list.total) return { ...result, outOfRange: true };
    const page = entries.slice(offset, offset + limit);
    const papers = await this.papersByPid(page.map((e) => e.pid));
    const hits: SearchHit[] = [];
    for (const e of page) {
      const paper = papers.get(e.pid);
      // A paper deleted since it was ranked is simply left out.
      if (paper) hits.push(this.hit(paper, e.score, matcher));
    }
    return { ...result, hits };
  }

  /** The top of a list reordered by trending (see trending-order.ts); the rest as ranked. */
  private async trendingFirst(entries: RankedEntry[]): Promise<RankedEntry[]> {
    const head = entries.slice(0, TRENDING_SORT_DEPTH);
    const papers = await this.papersByPid(head.map((e) => e.pid));
    const rows = head.flatMap((e) => {
      const paper = papers.get(e.pid);
      return paper ? [{ paper, entry: e }] : [];
    });
    const ordered = await orderByTrending(this.db, rows);
    return [...ordered.map((r) => r.entry), ...entries.slice(TRENDING_SORT_DEPTH)];
  }

  private async papersByPid(pids: number[]): Promise<Map<number, Paper>> {
    const rows = await paperRowsByPid(this.db, pids);
    return new Map(rows.map((row) => [Number(row.pid), paperFromRow(row)]));
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
