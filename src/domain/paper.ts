/** A paper as the rest of Folio sees it (never a database row). */
export interface Paper {
  /** arXiv id without version. */
  id: string;
  /** Latest version number known. */
  version: number;
  title: string;
  abstract: string;
  authors: string[];
  /** Categories with the primary first. */
  categories: string[];
  /** When v1 appeared (ISO-8601 UTC), if known. */
  publishedAt: string | null;
  /** When the latest version appeared (ISO-8601 UTC), if known. */
  updatedAt: string | null;
  /** The arXiv announcement day this paper was first listed on (YYYY-MM-DD). */
  listingDate: string | null;
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  license: string | null;
  /** Code repository as `host:owner/name`, e.g. `github:wgcban/mix-bt`. */
  codeRepo: string | null;
  projectPage: string | null;
  versions: PaperVersion[];
}

export interface PaperVersion {
  version: number;
  /** ISO-8601 UTC. */
  date: string | null;
  size?: string | null;
}

/**
 * What an ingestion source knows about a paper. Missing fields are unknown (never "empty"),
 * so merging two sources keeps every field either of them knew.
 */
export interface PaperRecord {
  id: string;
  version?: number | null;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  publishedAt?: string | null;
  updatedAt?: string | null;
  listingDate?: string | null;
  comment?: string | null;
  journalRef?: string | null;
  doi?: string | null;
  license?: string | null;
  codeRepo?: string | null;
  projectPage?: string | null;
  versions?: PaperVersion[];
}

/** Limits that protect the store from absurd input; longer text is cut, not rejected. */
export const PAPER_LIMITS = {
  title: 1_000,
  abstract: 20_000,
  author: 300,
  authors: 5_000,
  comment: 2_000,
  category: 40,
  categories: 40,
} as const;
