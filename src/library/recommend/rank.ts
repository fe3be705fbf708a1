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

import { DEFAULT_LINEAR, trainLinear, type LinearModel } from './linear-model.ts';
import { kthLargest, TopRows } from './select.ts';
import { scoreRows, toRows, type SparseRows, type SparseVector } from './sparse-rows.ts';

export type { SparseVector } from './sparse-rows.ts';

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

/** Papers made ready for ranking once: their vectors in contiguous typed arrays. */
export interface PreparedPapers {
  items: readonly RankItem[];
  /** Rows by paper id. */
  rowsOf: ReadonlyMap<string, readonly number[]>;
  sparse: SparseRows;
  /** 1 where the paper has a TF-IDF vector. */
  hasSparse: Uint8Array;
  /** Embeddings, `dims` floats a row; a row without one (or of another length) is 0 in hasDense. */
  dense: Float32Array;
  hasDense: Uint8Array;
  dims: number;
}

/**
 * Lays papers out for ranking. Done once per set: the site prepares a member's candidates per
 * request; a caller ranking many members against the same papers prepares them once.
 */
export function preparePapers(items: readonly RankItem[]): PreparedPapers {
  const rowsOf = new Map<string, number[]>();
  const hasSparse = new Uint8Array(items.length);
  const hasDense = new Uint8Array(items.length);
  const dims = items.find((it) => it.dense)?.dense?.length ?? 0;
  const dense = new Float32Array(dims * items.length);
  items.forEach((it, r) => {
    const rows = rowsOf.get(it.id);
    if (rows) rows.push(r);
    else rowsOf.set(it.id, [r]);
    if (it.sparse) hasSparse[r] = 1;
    if (it.dense && it.dense.length === dims && dims > 0) {
      hasDense[r] = 1;
      dense.set(it.dense, r * dims);
    }
  });
  return {
    items,
    rowsOf,
    sparse: toRows(items.map((it) => it.sparse)),
    hasSparse,
    dense,
    hasDense,
    dims,
  };
}

/** The k best candidates for a profile, best first; candidates in the profile never come back. */
export function rankCandidates(
  profile: readonly ProfileItem[],
  negatives: readonly RankItem[],
  candidateItems: readonly RankItem[] | PreparedPapers,
  k: number,
  options: RankOptions = DEFAULT_RANK,
  /**
   * Other papers (a sample of the store): when given, a per-member linear model learns the
   * member's words against them, with "not interested" papers as costlier negatives.
   */
  backgroundItems: readonly RankItem[] | PreparedPapers = [],
): Ranked[] {
  const candidates = prepared(candidateItems);
  const background = prepared(backgroundItems);
  const count = candidates.items.length;
  if (profile.length === 0 || count === 0 || k <= 0) return [];
  const dims = profile.find((p) => p.dense)?.dense?.length ?? 0;
  const centroids = dims > 0 ? interestCentroids(profile, dims, options.clusters) : [];
  const negativeDense = negatives.filter((n) => n.dense && n.dense.length === dims).slice(0, 50);

  const model =
    background.items.length > 0 ? memberModel(profile, negatives, background, options) : null;
  const denseWeight = model ? options.denseWeight : 1;
  // Score every candidate by words once; past the shortlist size, only those at or above the
  // shortlist's cut (in candidate order, ties kept by position) are scored by meaning too.
  if (buffers.scores.length < count) {
    buffers.scores = new Float64Array(count);
    buffers.select = new Float64Array(count);
  }
  const wordScores = buffers.scores.subarray(0, count);
  let anyWords: boolean;
  if (model) {
    scoreRows(candidates.sparse, model.w, model.bias, wordScores);
    for (let r = 0; r < count; r++) if (!candidates.hasSparse[r]) wordScores[r] = -Infinity;
    anyWords = true;
  } else {
    const words = profileWords(profile, options.profileTerms);
    anyWords = words.size > 0;
    wordScores.fill(0);
    if (anyWords) {
      scoreRows(candidates.sparse, words.weights, 0, wordScores);
      for (let r = 0; r < count; r++)
        wordScores[r] = candidates.hasSparse[r] ? options.wordWeight * wordScores[r]! : 0;
    }
  }
  const cut =
    options.shortlist > 0 && count > options.shortlist && anyWords
      ? kthLargest(wordScores, options.shortlist, buffers.select)
      : -Infinity;
  let aboveCut = 0;
  for (let r = 0; r < count; r++) if (wordScores[r]! > cut) aboveCut++;
  let tiesLeft = options.shortlist - aboveCut;

  const inProfile = new Uint8Array(count);
  for (const p of profile) for (const r of candidates.rowsOf.get(p.id) ?? []) inProfile[r] = 1;
  const useDense = centroids.length > 0 && candidates.dims === dims;
  const same = centroids.length === 2 && centroids[1] === centroids[0];
  const top = new TopRows(k);
  for (let r = 0; r < count; r++) {
    const wordPart = wordScores[r]!;
    if (wordPart < cut || (wordPart === cut && cut !== -Infinity && tiesLeft-- <= 0)) continue;
    if (inProfile[r]) continue;
    let score = 0;
    if (useDense && candidates.hasDense[r]) {
      const at = r * dims;
      const overall = rowDot(candidates.dense, at, centroids[0]!);
      let best = -1;
      if (same) best = Math.max(best, overall);
      else
        for (let j = 1; j < centroids.length; j++)
          best = Math.max(best, rowDot(candidates.dense, at, centroids[j]!));
      score += 0.5 * overall + (centroids.length > 1 ? best : 0);
      let worst = 0;
      for (const n of negativeDense)
        worst = Math.max(worst, rowDot(candidates.dense, at, n.dense!));
      score -= options.negativeWeight * worst;
      score *= denseWeight;
    }
    score += wordPart;
    top.offer(r, score);
  }
  const scratch = new Float64Array(maxTerm(profile));
  return top.sorted().map(({ row, score }) => {
    const item = candidates.items[row]!;
    return { id: item.id, score, because: closest(item, profile, scratch) };
  });
}

/**
 * Per-candidate scores, reused from call to call (ranking is synchronous): fresh arrays the size
 * of the candidate set on every call would keep the garbage collector busy.
 */
const buffers = { scores: new Float64Array(0), select: new Float64Array(0) };

function prepared(items: readonly RankItem[] | PreparedPapers): PreparedPapers {
  return 'rowsOf' in items ? items : preparePapers(items);
}

/**
 * The member's linear model: their papers against the background (less their own papers), with
 * "not interested" papers as costlier negatives; null when either side is empty.
 */
function memberModel(
  profile: readonly ProfileItem[],
  negatives: readonly RankItem[],
  background: PreparedPapers,
  options: RankOptions,
): LinearModel | null {
  const mine = profile.filter((p) => p.sparse);
  const dismissed = negatives.filter((n) => n.sparse);
  const skip = new Uint8Array(background.items.length);
  for (const p of profile) for (const r of background.rowsOf.get(p.id) ?? []) skip[r] = 1;
  const take: number[] = [];
  for (let r = 0; r < skip.length; r++) if (background.hasSparse[r] && !skip[r]) take.push(r);
  if (mine.length === 0 || take.length + dismissed.length === 0) return null;
  const own = toRows([...mine, ...dismissed].map((p) => p.sparse));
  const ownCost = new Float64Array(own.sq.length).fill(options.strongNegativeCost);
  mine.forEach((p, i) => (ownCost[i] = p.weight));
  return trainLinear(
    {
      own,
      positives: mine.length,
      ownCost,
      shared: { rows: background.sparse, take: Int32Array.from(take) },
    },
    { ...DEFAULT_LINEAR, ...(options.linearC ? { c: options.linearC } : {}) },
  );
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
function profileWords(
  profile: readonly ProfileItem[],
  keep: number,
): { weights: Float64Array; size: number } {
  const sum = new Map<number, number>();
  for (const p of profile) {
    if (!p.sparse) continue;
    for (let q = 0; q < p.sparse.idx.length; q++)
      sum.set(p.sparse.idx[q]!, (sum.get(p.sparse.idx[q]!) ?? 0) + p.weight * p.sparse.w[q]!);
  }
  const kept = [...sum].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, keep);
  const norm = Math.sqrt(kept.reduce((n, [, w]) => n + w * w, 0));
  // A flat array indexed by term number: candidates are scored by lookups in a hot loop. The
  // weights are rounded to single precision, as the vectors themselves are.
  const weights = new Float64Array(kept.reduce((m, [t]) => Math.max(m, t + 1), 0));
  if (norm > 0) for (const [t, w] of kept) weights[t] = Math.fround(w / norm);
  return { weights, size: norm > 0 ? kept.length : 0 };
}

/**
 * The profile paper most like this candidate (meaning and words alike). `scratch` is a zeroed
 * array over the profile's terms, left zeroed.
 */
function closest(item: RankItem, profile: readonly ProfileItem[], scratch: Float64Array): string {
  let best = profile[0]!.id;
  let bestScore = -Infinity;
  for (const p of profile) {
    let s = 0;
    if (item.dense && p.dense && item.dense.length === p.dense.length)
      s += dot(item.dense, p.dense);
    if (item.sparse && p.sparse) {
      for (let q = 0; q < p.sparse.idx.length; q++) scratch[p.sparse.idx[q]!] = p.sparse.w[q]!;
      let words = 0;
      for (let q = 0; q < item.sparse.idx.length; q++) {
        const t = item.sparse.idx[q]!;
        if (t < scratch.length) words += scratch[t]! * item.sparse.w[q]!;
      }
      s += words;
      for (let q = 0; q < p.sparse.idx.length; q++) scratch[p.sparse.idx[q]!] = 0;
    }
    s *= Math.sqrt(p.weight);
    if (s > bestScore) {
      bestScore = s;
      best = p.id;
    }
  }
  return best;
}

/** One past the largest term number in the profile's vectors. */
function maxTerm(profile: readonly ProfileItem[]): number {
  let m = 0;
  for (const p of profile)
    if (p.sparse)
      for (let q = 0; q < p.sparse.idx.length; q++) m = Math.max(m, p.sparse.idx[q]! + 1);
  return m;
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

/** The dot product of the embedding at `at` in a row-major matrix with a vector of its length. */
function rowDot(matrix: Float32Array, at: number, v: Float32Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += matrix[at + i]! * v[i]!;
  return s;
}
