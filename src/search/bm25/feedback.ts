/**
 * Pseudo-relevance feedback (RM3-style): the words the best-ranked papers share, added to the
 * query at a small weight, so a paper that says the same thing in other words is reached.
 */

/** A ranked paper's terms as the index holds them (stemmed, column-weighted frequencies). */
export interface FeedbackDoc {
  terms: ReadonlyMap<string, number>;
}

/** What the index tells about a term. */
export interface TermStats {
  docFrequency(term: string): number;
  size(): number;
}

export interface FeedbackOptions {
  /** Top papers read. */
  docs: number;
  /** Expansion terms kept. */
  terms: number;
  /** Weight of the strongest expansion term (the query's own terms weigh 1). */
  weight: number;
  /** Picks terms by their share times their rarity (idf) rather than by share alone. */
  idf?: boolean;
}

/**
 * Expansion terms from the top papers: each term's share of a paper's words, summed over the
 * papers weighted by their scores; the query's own terms and words of a single paper are left
 * out; the strongest gets `weight`, the rest in proportion.
 */
export function feedbackTerms(
  top: readonly { doc: FeedbackDoc; score: number }[],
  queryTerms: readonly string[],
  stats: TermStats,
  options: FeedbackOptions,
): { term: string; weight: number }[] {
  const asked = new Set(queryTerms);
  const total = top.reduce((s, t) => s + Math.max(0, t.score), 0);
  if (top.length === 0 || total <= 0) return [];
  const relevance = new Map<string, number>();
  for (const { doc, score } of top) {
    let mass = 0;
    for (const tf of doc.terms.values()) mass += tf;
    if (mass <= 0 || score <= 0) continue;
    const share = score / total / mass;
    for (const [term, tf] of doc.terms) {
      if (asked.has(term)) continue;
      relevance.set(term, (relevance.get(term) ?? 0) + tf * share);
    }
  }
  const n = stats.size();
  const picked = [...relevance.entries()]
    .filter(([term]) => stats.docFrequency(term) > 1)
    .map(([term, r]): [string, number] => {
      if (!options.idf) return [term, r];
      const df = stats.docFrequency(term);
      return [term, r * Math.log((n - df + 0.5) / (df + 0.5))];
    })
    .filter(([, r]) => r > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, options.terms);
  const strongest = picked[0]?.[1] ?? 0;
  if (strongest <= 0) return [];
  return picked.map(([term, r]) => ({ term, weight: (options.weight * r) / strongest }));
}
