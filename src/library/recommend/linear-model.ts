/**
 * A per-member linear model over TF-IDF vectors: a linear SVM (squared hinge loss, balanced class
 * weights) solved by dual coordinate descent, LIBLINEAR's method. It reads nothing of ours.
 *
 * The member's papers are the positives; a sample of other papers are the negatives, and papers
 * the member marked "not interested" are negatives that weigh more (a larger C), so the words
 * that mark them count against a candidate.
 */

import type { SparseRows } from './sparse-rows.ts';

/**
 * What the model learns from, in this order: the member's positives (the first `positives` of
 * `own`), then the `take` rows of the shared negatives (a sample of other papers, read in place
 * rather than copied for every member), then the rest of `own` (papers the member dismissed).
 */
export interface TrainingSet {
  own: SparseRows;
  positives: number;
  /** Per row of `own`, a multiplier of its class's C (more for a "not interested" paper). */
  ownCost: Float64Array;
  shared?: { rows: SparseRows; take: Int32Array };
}

export interface LinearOptions {
  /** The regularisation constant before class balancing (arxiv-sanity-lite uses 0.01). */
  c: number;
  /** Passes over the examples at most. */
  epochs: number;
  /** Stop once the projected gradients differ by no more than this (LIBLINEAR's eps). */
  tolerance: number;
}

// C = 1 (with balanced classes) measured best on bench:recommend among 0.01, 0.1, 1 and 3.
export const DEFAULT_LINEAR: LinearOptions = { c: 1, epochs: 8, tolerance: 0.001 };

/** Weights by term number, and a bias. */
export interface LinearModel {
  w: Float64Array;
  bias: number;
}

/** Trains the model; a deterministic order (no randomness) so the same input gives the same model. */
export function trainLinear(
  set: TrainingSet,
  options: LinearOptions = DEFAULT_LINEAR,
): LinearModel {
  const { own, positives, ownCost } = set;
  const shared = set.shared?.rows ?? own;
  const take = set.shared?.take ?? new Int32Array(0);
  const nShared = take.length;
  const n = own.sq.length + nShared;
  const w = new Float64Array(Math.max(own.dims, shared.dims));
  let bias = 0;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return { w, bias };
  const cPos = (options.c * n) / (2 * positives);
  const cNeg = (options.c * n) / (2 * negatives);
  // Example i is row rowOf[i] of the shared rows or of `own`.
  const firstShared = positives;
  const afterShared = positives + nShared;
  const rowOf = new Int32Array(n);
  const diag = new Float64Array(n);
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const isShared = i >= firstShared && i < afterShared;
    const r = isShared ? take[i - firstShared]! : i < firstShared ? i : i - nShared;
    rowOf[i] = r;
    diag[i] = 1 / (2 * (i < positives ? cPos : cNeg) * (isShared ? 1 : ownCost[r]!));
    qd[i] = 1 + (isShared ? shared.sq[r]! : own.sq[r]!) + diag[i]!;
  }
  const alpha = new Float64Array(n);
  const active = interleaved(n);
  // Shrinking, as LIBLINEAR does: an example at alpha = 0 whose gradient exceeds the largest
  // violation of the previous pass would not move, so later passes skip it (most background
  // papers, after the first pass); the whole set is checked once more before stopping.
  let activeSize = n;
  let violationMaxOld = Infinity;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    let violationMax = -Infinity;
    let violationMin = Infinity;
    for (let s = 0; s < activeSize; s++) {
      const i = active[s]!;
      const r = rowOf[i]!;
      const rows = i >= firstShared && i < afterShared ? shared : own;
      const idx = rows.idx;
      const xw = rows.w;
      const from = rows.start[r]!;
      const to = rows.start[r + 1]!;
      const yi = i < positives ? 1 : -1;
      let wx = bias;
      for (let q = from; q < to; q++) wx += w[idx[q]!]! * xw[q]!;
      const g = yi * wx - 1 + diag[i]! * alpha[i]!;
      let projected = g;
      if (alpha[i] === 0) {
        if (g > violationMaxOld) {
          activeSize--;
          active[s] = active[activeSize]!;
          active[activeSize] = i;
          s--;
          continue;
        }
        projected = Math.min(g, 0);
      }
      if (projected > violationMax) violationMax = projected;
      if (projected < violationMin) violationMin = projected;
      if (Math.abs(projected) < 1e-12) continue;
      const next = Math.max(alpha[i]! - g / qd[i]!, 0);
      const delta = (next - alpha[i]!) * yi;
      alpha[i] = next;
      for (let q = from; q < to; q++) w[idx[q]!]! += delta * xw[q]!;
      bias += delta;
    }
    if (violationMax - violationMin <= options.tolerance) {
      if (activeSize === n) break;
      activeSize = n;
      violationMaxOld = Infinity;
      continue;
    }
    violationMaxOld = violationMax <= 0 ? Infinity : violationMax;
  }
  return { w, bias };
}

/**
 * 0 … n-1 ordered by (i × 7919) mod n, then i: the classes interleave so early passes see both.
 * A counting sort on that key, as n can be thousands and this runs once per member.
 */
function interleaved(n: number): Int32Array {
  const key = new Int32Array(n);
  const count = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    key[i] = (i * 7919) % n;
    count[key[i]! + 1]!++;
  }
  for (let k = 0; k < n; k++) count[k + 1]! += count[k]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[count[key[i]!]!++] = i;
  return order;
}
