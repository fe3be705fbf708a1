/**
 * A per-member linear model over TF-IDF vectors: a linear SVM (squared hinge loss, balanced class
 * weights) solved by dual coordinate descent, LIBLINEAR's method. It reads nothing of ours.
 *
 * The member's papers are the positives; a sample of other papers are the negatives, and papers
 * the member marked "not interested" are negatives that weigh more (a larger C), so the words
 * that mark them count against a candidate.
 */

/** A sparse vector: term numbers and weights, L2-normalized. */
export interface SparseVector {
  idx: Int32Array;
  w: Float32Array;
}

/** A training example: its vector, and how much its mistakes cost relative to its class. */
export interface Example {
  x: SparseVector;
  /** Multiplies the class's C (1 for ordinary examples). */
  cost: number;
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
  positives: readonly Example[],
  negatives: readonly Example[],
  options: LinearOptions = DEFAULT_LINEAR,
): LinearModel {
  const xs = [...positives, ...negatives];
  const n = xs.length;
  let dims = 0;
  for (const e of xs)
    for (let q = 0; q < e.x.idx.length; q++) dims = Math.max(dims, e.x.idx[q]! + 1);
  const w = new Float64Array(dims);
  let bias = 0;
  if (positives.length === 0 || negatives.length === 0) return { w, bias };
  const cPos = (options.c * n) / (2 * positives.length);
  const cNeg = (options.c * n) / (2 * negatives.length);
  const y = (i: number) => (i < positives.length ? 1 : -1);
  const diag = xs.map((e, i) => 1 / (2 * (i < positives.length ? cPos : cNeg) * e.cost));
  const qd = xs.map((e, i) => {
    let s = 1;
    for (let q = 0; q < e.x.w.length; q++) s += e.x.w[q]! * e.x.w[q]!;
    return s + diag[i]!;
  });
  const alpha = new Float64Array(n);
  // Interleave the classes so early passes see both.
  const active = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => ((a * 7919) % n) - ((b * 7919) % n) || a - b,
  );
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
      const x = xs[i]!.x;
      const yi = y(i);
      let wx = bias;
      for (let q = 0; q < x.idx.length; q++) wx += w[x.idx[q]!]! * x.w[q]!;
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
      violationMax = Math.max(violationMax, projected);
      violationMin = Math.min(violationMin, projected);
      if (Math.abs(projected) < 1e-12) continue;
      const next = Math.max(alpha[i]! - g / qd[i]!, 0);
      const delta = (next - alpha[i]!) * yi;
      alpha[i] = next;
      for (let q = 0; q < x.idx.length; q++) w[x.idx[q]!]! += delta * x.w[q]!;
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

/** The model's score of a vector (its signed distance to the boundary, unscaled). */
export function linearScore(model: LinearModel, x: SparseVector): number {
  let s = model.bias;
  const { w } = model;
  for (let q = 0; q < x.idx.length; q++) {
    const t = x.idx[q]!;
    if (t < w.length) s += w[t]! * x.w[q]!;
  }
  return s;
}
