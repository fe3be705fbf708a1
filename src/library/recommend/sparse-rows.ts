/**
 * Sparse vectors stored row after row in three typed arrays (compressed sparse rows), so a model
 * reads a set of papers as one contiguous stream instead of chasing thousands of small objects.
 * It reads nothing of ours.
 */

/** A sparse vector: term numbers and weights, L2-normalized. */
export interface SparseVector {
  idx: Int32Array;
  w: Float32Array;
}

/** Row r's terms are idx[start[r] .. start[r + 1]) with weights w[…]; sq[r] is its squared norm. */
export interface SparseRows {
  start: Int32Array;
  idx: Int32Array;
  w: Float32Array;
  sq: Float64Array;
  /** One past the largest term number (0 when every row is empty). */
  dims: number;
}

/** The rows of these vectors, in order; a missing vector is an empty row. */
export function toRows(vectors: readonly (SparseVector | null)[]): SparseRows {
  let nnz = 0;
  for (const v of vectors) nnz += v?.idx.length ?? 0;
  const start = new Int32Array(vectors.length + 1);
  const idx = new Int32Array(nnz);
  const w = new Float32Array(nnz);
  const sq = new Float64Array(vectors.length);
  let at = 0;
  let dims = 0;
  vectors.forEach((v, r) => {
    if (v) {
      idx.set(v.idx, at);
      w.set(v.w, at);
      let s = 0;
      for (let q = 0; q < v.idx.length; q++) {
        s += v.w[q]! * v.w[q]!;
        if (v.idx[q]! >= dims) dims = v.idx[q]! + 1;
      }
      sq[r] = s;
      at += v.idx.length;
    }
    start[r + 1] = at;
  });
  return { start, idx, w, sq, dims };
}

/** Each row's dot product with dense weights (terms past their length count 0), plus `bias`. */
export function scoreRows(
  rows: SparseRows,
  weights: Float64Array,
  bias: number,
  out: Float64Array = new Float64Array(rows.sq.length),
): Float64Array {
  const { start, idx, w } = rows;
  const n = rows.sq.length;
  const dims = weights.length;
  for (let r = 0; r < n; r++) {
    let s = bias;
    const end = start[r + 1]!;
    for (let q = start[r]!; q < end; q++) {
      const t = idx[q]!;
      if (t < dims) s += weights[t]! * w[q]!;
    }
    out[r] = s;
  }
  return out;
}
