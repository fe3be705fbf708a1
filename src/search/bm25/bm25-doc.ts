import { BM25 } from '../keyword/keyword.types.ts';
import type { ParsedQuery } from '../query-parser.ts';
import { stem } from '../text/stem.ts';
import { STOPWORDS } from '../text/stopwords.ts';
import { words } from '../text/tokenize.ts';
import type { IndexedDoc, IndexFilters } from './bm25-index.ts';
import type { SearchFilters } from '../keyword/keyword.types.ts';

/** The paper columns the index is built from. */
export interface IndexRow {
  pid: number;
  title: string;
  abstract: string;
  /** JSON array of names, tokenized as stored (as FTS5 sees the column). */
  authors: string;
  /** JSON array of category names. */
  categories: string;
  listing_date: string | null;
  published_at: string | null;
  code_repo: string | null;
  modified_at: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** YYYY-MM-DD (or an ISO timestamp) as the integer YYYYMMDD; 0 when absent or malformed. */
export function dayNumber(value: string | null | undefined): number {
  const m = value ? DAY.exec(value) : null;
  return m ? Number(m[1]) * 10_000 + Number(m[2]) * 100 + Number(m[3]) : 0;
}

/**
 * A stored paper as index terms: the store's tokenizer (folded words, Porter stems), each hit
 * weighted by its column as bm25() weighs it. Stopwords count towards the length, as FTS5 counts
 * every token, but get no postings: queries never rank by them (see `indexCanAnswer`).
 */
export function docFromRow(row: IndexRow): IndexedDoc {
  const terms = new Map<string, number>();
  let length = 0;
  const titleWords = words(row.title);
  const add = (text: string, weight: number) => {
    for (const w of words(text)) {
      length++;
      if (STOPWORDS.has(w)) continue;
      const t = stem(w);
      terms.set(t, (terms.get(t) ?? 0) + weight);
    }
  };
  add(row.title, BM25.title);
  add(row.abstract, BM25.abstract);
  add(row.authors, BM25.authors);
  let categories: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.categories);
    if (Array.isArray(parsed)) categories = parsed.map((c) => String(c).toLowerCase());
  } catch {
    categories = [];
  }
  const modified = Date.parse(row.modified_at);
  return {
    pid: Number(row.pid),
    terms,
    length,
    day: dayNumber(row.listing_date ?? row.published_at),
    categories,
    hasCode: row.code_repo !== null,
    modified: Number.isFinite(modified) ? modified : 0,
    stopwordTitle:
      titleWords.length > 0 && titleWords.every((w) => STOPWORDS.has(w))
        ? titleWords.join(' ')
        : null,
  };
}

/**
 * True when the index alone answers the query: ranked words, none a prefix or stopword, and no
 * phrase or author to check in order. Those go to the store's own full-text path.
 */
export function indexCanAnswer(q: ParsedQuery): boolean {
  return (
    q.terms.length > 0 &&
    q.phrases.length === 0 &&
    q.authors.length === 0 &&
    q.terms.every((t) => !t.prefix && !STOPWORDS.has(t.word)) &&
    q.excluded.every((w) => !STOPWORDS.has(w))
  );
}

/** Query words as index terms, stemmed like the papers' words. */
export function queryTerms(q: ParsedQuery): { terms: string[]; excluded: string[] } {
  return { terms: q.terms.map((t) => stem(t.word)), excluded: q.excluded.map((w) => stem(w)) };
}

/** Search filters as the index applies them. */
export function indexFilters(f: SearchFilters, hasCode: boolean): IndexFilters {
  return {
    from: f.from ? dayNumber(f.from) : undefined,
    to: f.to ? dayNumber(f.to) : undefined,
    categories: f.categories,
    hasCode: f.hasCode || hasCode,
  };
}
