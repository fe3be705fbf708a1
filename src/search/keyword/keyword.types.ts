import type { PaperRow } from '../../papers/paper.mapper.ts';
import type { ParsedQuery } from '../query-parser.ts';

/** Filters every search mode applies. */
export interface SearchFilters {
  from?: string;
  to?: string;
  categories: string[];
  hasCode: boolean;
  /** Only these papers (row ids): which of some candidates match. */
  pids?: number[];
}

export interface KeywordRequest {
  query: ParsedQuery;
  filters: SearchFilters;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
  /** False when a lower bound will do (hybrid fusion), saving a second pass to count. */
  exactTotal?: boolean;
  /** 'rank' reads only pid, authors and days (a whole ranked list); default: whole rows. */
  columns?: 'paper' | 'rank';
}

export interface KeywordRows {
  rows: (PaperRow & { score: number })[];
  total: number;
}

/**
 * BM25 parameters shared by the in-process index (src/search/bm25) and both dialects' full-text
 * paths. FTS5 fixes k1 = 1.2 and b = 0.75; a sweep of k1 0.9–1.5 and b 0.5–0.9 over the index on
 * SciFact train found none better, so every path uses them and the same column weights. Title
 * above abstract above authors; the weights were chosen on SciFact train (bench/search.bench.ts).
 */
export const BM25 = { k1: 1.2, b: 0.75, title: 3, abstract: 1, authors: 1 } as const;
