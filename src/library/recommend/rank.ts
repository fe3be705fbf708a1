/**
 * Folio's recommender, as a pure function over vectors: the same code ranks a member's "For you"
 * papers and runs in bench/recommend.bench.ts. It reads nothing of ours.
 *
 * A member's papers (saved, upvoted, imported, by followed authors) are the profile. Given a sample
 * of other papers (the background), a per-member linear model over TF-IDF (linear-model.ts) learns
 * the member's papers against them, "not interested" papers counting as costlier negatives; its
 * score replaces the words cosine below. A candidate scores by
 *  - meaning: its embedding's closeness to the profile's centroid and to the nearest of a few
 *    interest centroids (k-means over the profile), so a member with two interests is served
 *    both, not an average of them;
 *  - words: the cosine of its TF-IDF vector with the profile's summed TF-IDF vector (the terms
 *    that recur across the member's papers: method and data set names that embeddings blur);
 *  - minus its closeness to papers the member marked "not interested".
 * The reason given is the profile paper that contributes most to the candidate's score.
 */

import {
  DEFAULT_LINEAR,
  linearScore,
  trainLinear,
  type Example,
  type SparseVector,
} from './linear-model.ts';

export type { SparseVector } from './linear-model.ts';

/** A paper as the ranker sees it: a unit embedding and/or a TF-IDF vector. */
export interface RankItem {
  id: string;
  dense: Float32Array | null;
  sparse: SparseVector | null;
}

/** A profile paper with how much it counts (a save more than an upvote). */
export interface ProfileItem extends RankItem {
  weight: number;
}

export interface Ranked {
  id: string;
  score: number;
  /** The profile paper that brought this one (its id). */
  because: string;
}

export interface RankOptions {
  /** Weight of the words side against the meaning side. */
  wordWeight: number;
  /** Weight of closeness to a "not interested" paper, subtracted. */
  negativeWeight: number;
  /** Interest centroids at most. */
  clusters: number;
  /** Profile terms kept (the heaviest). */
  profileTerms: number;
  /**
   * Past this many candidates, only the best this many by words are scored by meaning too:
   * a word lookup costs a fraction of a dot product, and a paper sharing none of the member's
   * words rarely makes the top.
   */
  shortlist: number;
  /**
   * With background papers given: the weight of the meaning side against the per-member linear
   * model's score (which replaces the profile-words cosine).
   */
  denseWeight: number;
  /** How much more a "not interested" paper's mistakes cost the linear model than a background one's. */
  strongNegativeCost: number;
  /** The linear model's regularisation constant (0: its default). */
  linearC?: number;
}

export const DEFAULT_RANK: RankOptions = {
  wordWeight: 3,
  negativeWeight: 0.5,
  clusters: 4,
  profileTerms: 300,
  shortlist: 3000,
  // Measured on bench:recommend: the linear model's score plus half the meaning side.
  denseWeight: 0.5,
  strongNegativeCost: 4,
};

/** The k best candidates for a profile, best first; candidates in the profile never come back. */
export function rankCandidates(
  profile: readonly ProfileItem[],
  negatives: readonly RankItem[],
  candidates: readonly RankItem[],
  k: number,
  options: RankOptions = DEFAULT_RANK,
  /**
   * Other papers (a sample of the store): when given, a per-member linear model learns the
   * member's words against them, with "not interested" papers as costlier negatives.
   */
  background: readonly RankItem[] = [],
): Ranked[] {
  if (profile.length === 0 || candidates.length === 0 || k <= 0) return [];
  const inProfile = new Set(profile.map((p) => p.id));
  const dims = profile.find((p) => p.dense)?.dense?.length ?? 0;
  const centroids = dims > 0 ? interestCentroids(profile, dims, options.clusters) : [];
  const words = profileWords(profile, options.profileTerms);
  const negativeDense = negatives.filter((n) => n.dense && n.dense.length === dims).slice(0, 50);

  const positives: Example[] = profile.flatMap((p) =>
    p.sparse ? [{ x: p.sparse, cost: p.weight }] : [],
  );
  const others: Example[] = [
    ...background.flatMap((b) =>
      b.sparse && !inProfile.has(b.id) ? [{ x: b.sparse, cost: 1 }] : [],
    ),
    ...negatives.flatMap((n) =>
      n.sparse ? [{ x: n.sparse, cost: options.strongNegativeCost }] : [],
    ),
  ];
  const model =
    background.length > 0 && positives.length > 0 && others.length > 0
      ? trainLinear(positives, others, {
          ...DEFAULT_LINEAR,
          ...(options.linearC ? { c: options.linearC } : {}),
        })
      : null;
  const denseWeight = model ? options.denseWeight : 1;
  const wordScore = model
    ? (c: RankItem) => (c.sparse ? linearScore(model, c.sparse) : -Infinity)
    : (c: RankItem) =>
        c.sparse && words.size > 0 ? options.wordWeight * sparseDot(c.sparse, words) : 0;
  // Score every candidate by words once; past the shortlist size, only those at or above the
  // shortlist's cut (in candidate order, ties kept by position) are scored by meaning too.
  const wordScores = new Float64Array(candidates.length);
  for (let i = 0; i < candidates.length; i++) wordScores[i] = wordScore(candidates[i]!);
  const cut =
    options.shortlist > 0 && candidates.length > options.shortlist && (model || words.size > 0)
      ? kthLargest(wordScores, options.shortlist)
      : -Infinity;
  let aboveCut = 0;
  for (const s of wordScores) if (s > cut) aboveCut++;
  let tiesLeft = options.shortlist - aboveCut;

  const top = new TopK<RankItem>(k);
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    const wordPart = wordScores[i]!;
    if (wordPart < cut || (wordPart === cut && cut !== -Infinity && tiesLeft-- <= 0)) continue;
    if (inProfile.has(c.id)) continue;
    let score = 0;
    if (c.dense && c.dense.length === dims && centroids.length > 0) {
      let best = -1;
      for (let j = 1; j < centroids.length; j++) best = Math.max(best, dot(c.dense, centroids[j]!));
      score += 0.5 * dot(c.dense, centroids[0]!) + (centroids.length > 1 ? best : 0);
      let worst = 0;
      for (const n of negativeDense) worst = Math.max(worst, dot(c.dense, n.dense!));
      score -= options.negativeWeight * worst;
      score *= denseWeight;
    }
    score += wordPart;
    top.offer(c, score);
  }
  return top
    .sorted()
    .map(({ item, score }) => ({ id: item.id, score, because: closest(item, profile) }));
}

/** The profile centroid first, then up to `max` k-means centroids of the profile (unit vectors). */
function interestCentroids(
  profile: readonly ProfileItem[],
  dims: number,
  max: number,
): Float32Array[] {
  const points = profile.filter((p) => p.dense && p.dense.length === dims);
  const overall = new Float32Array(dims);
  for (const p of points) axpy(overall, p.dense!, p.weight);
  normalize(overall);
  const k = Math.min(max, Math.ceil(points.length / 4));
  if (k <= 1) return [overall, overall];
  // Deterministic seeding: the point farthest from those chosen so far (k-means++ without chance).
  const centres: Float32Array[] = [Float32Array.from(points[0]!.dense!)];
  while (centres.length < k) {
    let far = points[0]!;
    let farScore = Infinity;
    for (const p of points) {
      let near = -Infinity;
      for (const c of centres) near = Math.max(near, dot(p.dense!, c));
      if (near < farScore) {
        farScore = near;
        far = p;
      }
    }
    centres.push(Float32Array.from(far.dense!));
  }
  const assign = new Int32Array(points.length);
  for (let iteration = 0; iteration < 6; iteration++) {
    points.forEach((p, i) => {
      let best = 0;
      let bestScore = -Infinity;
      centres.forEach((c, j) => {
        const s = dot(p.dense!, c);
        if (s > bestScore) {
          bestScore = s;
          best = j;
        }
      });
      assign[i] = best;
    });
    for (let j = 0; j < centres.length; j++) {
      const sum = new Float32Array(dims);
      points.forEach((p, i) => {
        if (assign[i] === j) axpy(sum, p.dense!, p.weight);
      });
      if (normalize(sum)) centres[j] = sum;
    }
  }
  return [overall, ...centres];
}

/** The profile's heaviest terms: weighted sum of its TF-IDF vectors, L2-normalized. */
function profileWords(profile: readonly ProfileItem[], keep: number): TermWeights {
  const sum = new Map<number, number>();
  for (const p of profile) {
    if (!p.sparse) continue;
    for (let q = 0; q < p.sparse.idx.length; q++)
      sum.set(p.sparse.idx[q]!, (sum.get(p.sparse.idx[q]!) ?? 0) + p.weight * p.sparse.w[q]!);
  }
  const kept = [...sum].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, keep);
  const norm = Math.sqrt(kept.reduce((n, [, w]) => n + w * w, 0));
  // A flat array indexed by term number: candidates are scored by lookups in a hot loop.
  const weights = new Float32Array(kept.reduce((m, [t]) => Math.max(m, t + 1), 0));
  if (norm > 0) for (const [t, w] of kept) weights[t] = w / norm;
  return { weights, size: norm > 0 ? kept.length : 0 };
}

interface TermWeights {
  weights: Float32Array;
  size: number;
}

/** The profile paper most like this candidate (meaning and words alike). */
function closest(item: RankItem, profile: readonly ProfileItem[]): string {
  let best = profile[0]!.id;
  let bestScore = -Infinity;
  for (const p of profile) {
    let s = 0;
    if (item.dense && p.dense && item.dense.length === p.dense.length)
      s += dot(item.dense, p.dense);
    if (item.sparse && p.sparse) s += sparseSparse(item.sparse, p.sparse);
    s *= Math.sqrt(p.weight);
    if (s > bestScore) {
      bestScore = s;
      best = p.id;
    }
  }
  return best;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(into: Float32Array, x: Float32Array, a: number): void {
  for (let i = 0; i < into.length; i++) into[i]! += a * x[i]!;
}

function normalize(v: Float32Array): boolean {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n);
  if (n === 0) return false;
  for (let i = 0; i < v.length; i++) v[i]! /= n;
  return true;
}

function sparseDot(v: SparseVector, { weights }: TermWeights): number {
  let s = 0;
  for (let q = 0; q < v.idx.length; q++) {
    const t = v.idx[q]!;
    if (t < weights.length) s += weights[t]! * v.w[q]!;
  }
  return s;
}

function sparseSparse(a: SparseVector, b: SparseVector): number {
  const m = new Map<number, number>();
  for (let q = 0; q < b.idx.length; q++) m.set(b.idx[q]!, b.w[q]!);
  let s = 0;
  for (let q = 0; q < a.idx.length; q++) s += (m.get(a.idx[q]!) ?? 0) * a.w[q]!;
  return s;
}

/** The k-th largest of the scores (k ≤ their count). */
function kthLargest(scores: Float64Array, k: number): number {
  const sorted = scores.slice().sort();
  return sorted[sorted.length - k]!;
}

/** Keeps the k highest scores seen (ties: the earlier offer wins). */
class TopK<T> {
  private items: { item: T; score: number; order: number }[] = [];
  private floor = -Infinity;
  private offered = 0;
  constructor(private readonly k: number) {}

  offer(item: T, score: number): void {
    const order = this.offered++;
    if (this.items.length >= this.k && score <= this.floor) return;
    this.items.push({ item, score, order });
    // Trim in batches: sorting once per k offers keeps this linear in practice.
    if (this.items.length >= 2 * this.k) this.trim();
  }

  sorted(): { item: T; score: number }[] {
    this.trim();
    return this.items;
  }

  private trim(): void {
    this.items.sort((a, b) => b.score - a.score || a.order - b.order);
    if (this.items.length > this.k) this.items.length = this.k;
    if (this.items.length === this.k) this.floor = this.items[this.k - 1]!.score;
  }
}
