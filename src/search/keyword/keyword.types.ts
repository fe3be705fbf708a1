import type { PaperRow } from '../../papers/paper.mapper.ts';
import type { ParsedQuery } from '../query-parser.ts';

/** Filters every search mode applies. */
export interface SearchFilters {
  from?: string;
  to?: string;
  categories: string[];
  hasCode: boolean;
}

export interface KeywordRequest {
  query: ParsedQuery;
  filters: SearchFilters;
  sort: 'relevance' | 'date';
  limit: number;
  offset: number;
  /** False when a lower bound will do (hybrid fusion), saving a second pass to count. */
  exactTotal?: boolean;
}

export interface KeywordRows {
  rows: (PaperRow & { score: number })[];
  total: number;
}

/**
 * BM25 parameters shared by both dialects. FTS5 fixes k1 = 1.2 and b = 0.75, so PostgreSQL uses
 * the same values and the same column weights to rank alike. Title above abstract above authors;
 * the weights were chosen on SciFact train (bench/search.bench.ts).
 */
export const BM25 = { k1: 1.2, b: 0.75, title: 3, abstract: 1, authors: 1 } as const;
