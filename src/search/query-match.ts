import type { Paper } from '../domain/paper.ts';
import { authorsMatch } from './author-match.ts';
import type { SearchFilters } from './keyword/keyword.types.ts';
import type { ParsedQuery } from './query-parser.ts';
import { stem } from './text/stem.ts';
import { words } from './text/tokenize.ts';

/** A paper's words, stemmed, per column (phrases never span two columns, as in FTS5). */
function columns(paper: Paper): string[][] {
  return [paper.title, paper.abstract, paper.authors.join(' ')].map((t) => words(t).map(stem));
}

function hasRun(tokens: string[], run: string[]): boolean {
  outer: for (let i = 0; i + run.length <= tokens.length; i++) {
    for (let j = 0; j < run.length; j++) if (tokens[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

/** The paper's listing (or published) day, YYYY-MM-DD, or '' when unknown. */
export function paperDay(paper: Paper): string {
  return paper.listingDate ?? paper.publishedAt?.slice(0, 10) ?? '';
}

/**
 * True when a paper satisfies every operator of the query and every filter: phrases (stemmed
 * words in order, within one column), `author:` names (unstemmed, see author-match.ts), `-word`,
 * `cat:`, `has:code`, dates and a stopword-only title. Semantic candidates pass through this, so
 * operators bind every mode alike.
 */
export function paperSatisfies(paper: Paper, q: ParsedQuery, filters: SearchFilters): boolean {
  if ((filters.hasCode || q.hasCode) && !paper.codeRepo) return false;
  if (filters.from || filters.to) {
    const day = paperDay(paper);
    if (day === '' || (filters.from && day < filters.from) || (filters.to && day > filters.to))
      return false;
  }
  if (filters.categories.length > 0) {
    const wanted = new Set(filters.categories.map((c) => c.toLowerCase()));
    if (!paper.categories.some((c) => wanted.has(c.toLowerCase()))) return false;
  }
  for (const name of q.authors) if (!authorsMatch(paper.authors, name)) return false;
  if (q.stopwordTitle && words(paper.title).join(' ') !== q.stopwordTitle.join(' ')) return false;
  if (q.phrases.length === 0 && q.excluded.length === 0) return true;
  const cols = columns(paper);
  for (const word of q.excluded) {
    const s = stem(word);
    if (cols.some((c) => c.includes(s))) return false;
  }
  for (const phrase of q.phrases) {
    const run = phrase.map(stem);
    if (!cols.some((c) => hasRun(c, run))) return false;
  }
  return true;
}
