import type { Paper } from '../../domain/paper.ts';
import type { SearchFilters } from '../keyword/keyword.types.ts';
import type { ParsedQuery } from '../query-parser.ts';
import type { SemanticStatus } from '../search.types.ts';

/** A paper with its similarity to a query (higher is closer). */
export interface ScoredPaper {
  paper: Paper;
  /** The paper's row id in the store. */
  pid: number;
  score: number;
}

/** The semantic side of search as the service sees it. */
export interface SemanticEngine {
  /** True once an active model's vectors are indexed and queries can be embedded. */
  ready(): boolean;
  /** Nearest papers passing the filters, only those above the model's similarity floor. */
  search(
    text: string,
    k: number,
    filters: SearchFilters,
    query: ParsedQuery,
  ): Promise<ScoredPaper[]>;
  /**
   * Row ids and similarities of the k nearest papers above the similarity floor, nearest first,
   * without reading them from the store (for queries with no operator or filter to check).
   */
  nearest(text: string, k: number): Promise<{ pid: number; score: number }[]>;
  similar(paperId: string, k: number): Promise<Paper[]>;
  onPapersStored(papers: Paper[]): Promise<void>;
  status(): SemanticStatus;
  start(): void;
  /** Loads the active model and its index without training or embedding (one-shot commands). */
  open(): Promise<void>;
  /** Resolves when queued background work is done. */
  idle(): Promise<void>;
  /** Trains a new built-in model on the store and switches to it; returns its id. */
  retrain(): Promise<string>;
  close(): Promise<void>;
}
