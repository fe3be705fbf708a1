import type { Paper } from '../domain/paper.ts';

export type SearchMode = 'hybrid' | 'keyword' | 'semantic';
export type SearchSort = 'relevance' | 'date' | 'trending';

/** One search as pages, the API and the CLI ask for it. */
export interface SearchQuery {
  /** Anything a person typed; every string is valid input. */
  q: string;
  mode?: SearchMode;
  /** First listing (or published) day, YYYY-MM-DD, inclusive. */
  from?: string;
  /** Last listing (or published) day, YYYY-MM-DD, inclusive. */
  to?: string;
  categories?: string[];
  hasCode?: boolean;
  sort?: SearchSort;
  limit?: number;
  offset?: number;
}

/** A piece of a title or abstract; `match` marks query terms. Structured, never HTML. */
export interface HighlightPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  paper: Paper;
  score: number;
  /** Title and abstract snippets with matches marked. */
  highlights: { title: HighlightPart[]; abstract: HighlightPart[] };
}

export interface SearchResult {
  hits: SearchHit[];
  /** Papers in the whole ranked list (the same on every page; capped at 10,100). */
  total: number;
  /** True when the page asked for starts past the end of the list. */
  outOfRange?: boolean;
  /** Nothing matched and a respelled query exists ("transfromers" → "transformers"). */
  suggestion: string | null;
  /** The mode that answered: a semantic or hybrid request answers as keyword until vectors exist. */
  mode: SearchMode;
  semanticReady: boolean;
}

export interface SearchSuggestion {
  id: string;
  title: string;
}

/**
 * What the search service knows about its two sides, for /readyz, pages and the CLI. Keyword
 * search always answers: from the in-process BM25 index once it is built ('ready'), from the
 * store's full-text index while it builds ('indexing') or if building it failed ('full-text').
 */
export interface SearchStatus {
  keyword: 'ready' | 'indexing' | 'full-text';
  semantic: 'off' | 'training' | 'embedding' | 'ready' | 'failed';
  /** Model answering semantic queries, if any. */
  model: { id: string; kind: string; dims: number; similarityFloor: number } | null;
  /** Vectors in the in-process index. */
  indexed: number;
  index: 'exact' | 'hnsw' | 'none';
  /** Papers in the store still without a vector of the active model. */
  pending: number;
  error: string | null;
}

/** The semantic side's part of the status. */
export type SemanticStatus = Omit<SearchStatus, 'keyword'>;
