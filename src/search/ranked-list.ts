import { dayNumber } from './bm25/bm25-doc.ts';
import type { KeywordEngine } from './bm25/keyword-engine.ts';
import { fuseScored } from './hybrid.ts';
import type { SearchFilters } from './keyword/keyword.types.ts';
import { paperDay, paperSatisfies } from './query-match.ts';
import type { ParsedQuery } from './query-parser.ts';
import type { SemanticEngine } from './semantic/semantic-engine.ts';

/** Candidates each ranking contributes to the fused head of a hybrid list. */
export const FUSION_DEPTH = 100;
/** Semantic candidates a semantic-only list holds at most. */
export const SEMANTIC_DEPTH = 200;

/** One paper of a ranked list: its row id, its score, its day (YYYYMMDD, 0 when unknown). */
export interface RankedEntry {
  pid: number;
  score: number;
  day: number;
}

/** The top of one fixed ranked list and how long the whole list is. */
export interface RankedList {
  entries: RankedEntry[];
  total: number;
}

export interface ListRequest {
  query: ParsedQuery;
  /** The query as typed. */
  text: string;
  filters: SearchFilters;
  mode: 'keyword' | 'semantic' | 'hybrid';
  sort: 'relevance' | 'date';
  /** Entries wanted from the top (offset + limit); the list itself never depends on it. */
  depth: number;
}

/**
 * The ranked list of a query: one fixed list per query, mode, filters and store state, of which
 * a page is a slice, so no paper shows on two pages and the total is the same on every page.
 * Hybrid: the keyword top FUSION_DEPTH fused with the semantic candidates (those above the
 * model's floor that satisfy every operator), then the rest of the keyword matches in keyword
 * order. Semantic: the candidates alone. Keyword: the keyword ranking.
 */
export async function rankedList(
  keyword: KeywordEngine,
  semantic: SemanticEngine | null,
  req: ListRequest,
): Promise<RankedList> {
  const { query, filters, sort } = req;
  if (req.mode === 'keyword' || !semantic) {
    const kw = await keyword.rank({ query, filters, sort, depth: req.depth, feedback: true });
    return { entries: kw.hits, total: kw.total };
  }
  const depth = req.mode === 'semantic' ? SEMANTIC_DEPTH : FUSION_DEPTH;
  const candidates = await semanticCandidates(semantic, keyword, req, depth);
  if (req.mode === 'semantic') {
    const entries = sort === 'date' ? [...candidates].sort(byDay) : candidates;
    return { entries, total: entries.length };
  }
  const among = new Set(candidates.map((c) => c.pid));
  if (sort === 'date') {
    const kw = await keyword.rank({ query, filters, sort, depth: req.depth, among });
    // Keyword matches in date order, with the semantic candidates that match no word merged in.
    const extra = candidates.filter((c) => !kw.matched.has(c.pid)).sort(byDay);
    return { entries: [...kw.hits, ...extra].sort(byDayOnly), total: kw.total + extra.length };
  }
  // The head holds the keyword top FUSION_DEPTH (or all keyword matches when fewer), so a page
  // within it needs no keyword match below them; deeper pages read the tail as well.
  const kw = await keyword.rank({
    query,
    filters,
    sort,
    depth: req.depth <= FUSION_DEPTH ? FUSION_DEPTH : req.depth + candidates.length,
    among,
  });
  const top = kw.hits.slice(0, FUSION_DEPTH);
  const head = fuseScored(top, candidates);
  const inHead = new Set(head.map((h) => h.pid));
  const tail = kw.hits.slice(FUSION_DEPTH).filter((h) => !inHead.has(h.pid));
  const inTop = new Set(top.map((h) => h.pid));
  // Semantic-only papers of the head that also match words further down are counted once.
  const countedTwice = candidates.filter((c) => !inTop.has(c.pid) && kw.matched.has(c.pid));
  const total = head.length + Math.max(0, kw.total - top.length) - countedTwice.length;
  return { entries: [...head, ...tail], total };
}

/**
 * What a semantic model embeds for a query: the text as typed when it holds no operator (repeats
 * and word order count for some models), else its terms and phrase words without the operators.
 */
export function semanticText(q: ParsedQuery, typed: string): string {
  const operators =
    q.authors.length + q.categories.length + q.excluded.length > 0 ||
    q.hasCode ||
    /\w:/.test(typed);
  if (!operators) return q.terms.length + q.phrases.length > 0 ? typed : '';
  return [...q.terms.map((t) => t.word), ...q.phrases.flat()].join(' ');
}

async function semanticCandidates(
  semantic: SemanticEngine,
  keyword: KeywordEngine,
  req: ListRequest,
  depth: number,
): Promise<RankedEntry[]> {
  const { query, filters } = req;
  const text = semanticText(query, req.text);
  if (text === '') return [];
  if (nothingToCheck(query, filters)) {
    // Every candidate qualifies: its day comes from the keyword index, and no row is read
    // unless some candidate is not indexed yet.
    const near = await semantic.nearest(text, depth);
    const entries = near.map((n) => ({ ...n, day: keyword.dayOf(n.pid) ?? -1 }));
    if (entries.every((e) => e.day >= 0)) return entries;
  }
  const found = await semantic.search(text, depth, filters, query);
  return found
    .filter((f) => paperSatisfies(f.paper, query, filters))
    .map((f) => ({ pid: f.pid, score: f.score, day: dayNumber(paperDay(f.paper)) }));
}

/** True when the query has no operator and no filter a paper must satisfy (see query-match.ts). */
function nothingToCheck(q: ParsedQuery, f: SearchFilters): boolean {
  return (
    !q.hasCode &&
    !f.hasCode &&
    !f.from &&
    !f.to &&
    f.categories.length === 0 &&
    q.categories.length === 0 &&
    q.authors.length === 0 &&
    !q.stopwordTitle &&
    q.phrases.length === 0 &&
    q.excluded.length === 0
  );
}

function byDay(a: RankedEntry, b: RankedEntry): number {
  return b.day - a.day || b.pid - a.pid;
}

function byDayOnly(a: RankedEntry, b: RankedEntry): number {
  return b.day - a.day;
}
