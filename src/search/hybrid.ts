import type { Paper } from '../domain/paper.ts';

interface Ranked {
  paper: Paper;
  score: number;
}

/**
 * Weight of the keyword ranking in hybrid fusion; the semantic ranking gets the rest. Chosen on
 * SciFact train with bench/search.bench.ts (see the comment on `fuse`).
 */
export const HYBRID_KEYWORD_WEIGHT = 0.8;

/**
 * Fuses a keyword and a semantic ranking by a weighted sum of scores, each min-max normalized
 * within its own list (a paper missing from a list gets 0 from it). Measured on SciFact train
 * (809 queries): weighted 0.8 gave nDCG@10 0.707 and Recall@100 0.946, against 0.624 / 0.942 for
 * reciprocal rank fusion (k = 60), which gives the weaker semantic ranking an equal say.
 */
export function fuse(
  keyword: Ranked[],
  semantic: Ranked[],
  weight = HYBRID_KEYWORD_WEIGHT,
): Ranked[] {
  return fuseBy(keyword, semantic, (r) => r.paper.id, weight);
}

/** `fuse` over entries keyed by pid (the service's ranked lists); ties keep keyword order. */
export function fuseScored<T extends { pid: number; score: number }>(
  keyword: T[],
  semantic: T[],
  weight = HYBRID_KEYWORD_WEIGHT,
): T[] {
  return fuseBy(keyword, semantic, (r) => r.pid, weight);
}

function fuseBy<T extends { score: number }, K>(
  keyword: T[],
  semantic: T[],
  keyOf: (r: T) => K,
  weight: number,
): T[] {
  const combined = new Map<K, T>();
  const add = (list: T[], w: number) => {
    if (list.length === 0) return;
    let min = Infinity;
    let max = -Infinity;
    for (const r of list) {
      min = Math.min(min, r.score);
      max = Math.max(max, r.score);
    }
    const span = max - min || 1;
    for (const r of list) {
      const value = (w * (r.score - min)) / span;
      const entry = combined.get(keyOf(r));
      if (entry) entry.score += value;
      else combined.set(keyOf(r), { ...r, score: value });
    }
  };
  add(keyword, weight);
  add(semantic, 1 - weight);
  return [...combined.values()].sort((a, b) => b.score - a.score);
}
