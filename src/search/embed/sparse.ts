/** A documents × terms matrix in compressed sparse rows: typed arrays, no per-element objects. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float32Array;
}

/** Lets the event loop run between chunks of heavy work, so requests keep being answered. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Y (rows × l, row-major) = A · X, X (cols × l, row-major). */
export async function multiply(a: CsrMatrix, x: Float64Array, l: number): Promise<Float64Array> {
  const y = new Float64Array(a.rows * l);
  for (let i = 0; i < a.rows; i++) {
    const yo = i * l;
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) {
      const v = a.values[p]!;
      const xo = a.colIdx[p]! * l;
      for (let j = 0; j < l; j++) y[yo + j]! += v * x[xo + j]!;
    }
    if ((i & 4095) === 4095) await yieldToEventLoop();
  }
  return y;
}

/** Z (cols × l, row-major) = Aᵀ · Y, Y (rows × l, row-major). */
export async function multiplyTransposed(
  a: CsrMatrix,
  y: Float64Array,
  l: number,
): Promise<Float64Array> {
  const z = new Float64Array(a.cols * l);
  for (let i = 0; i < a.rows; i++) {
    const yo = i * l;
    for (let p = a.rowPtr[i]!; p < a.rowPtr[i + 1]!; p++) {
      const v = a.values[p]!;
      const zo = a.colIdx[p]! * l;
      for (let j = 0; j < l; j++) z[zo + j]! += v * y[yo + j]!;
    }
    if ((i & 4095) === 4095) await yieldToEventLoop();
  }
  return z;
}

/**
 * Orthonormalizes the columns of M (n × l, row-major) in place by Cholesky QR run twice
 * (CholeskyQR2): two passes over M per round instead of l passes for Gram–Schmidt.
 */
export async function orthonormalize(m: Float64Array, n: number, l: number): Promise<void> {
  for (let round = 0; round < 2; round++) {
    const g = new Float64Array(l * l);
    for (let i = 0; i < n; i++) {
      const o = i * l;
      for (let a = 0; a < l; a++) {
        const v = m[o + a]!;
        if (v === 0) continue;
        const go = a * l;
        for (let b = a; b < l; b++) g[go + b]! += v * m[o + b]!;
      }
      if ((i & 8191) === 8191) await yieldToEventLoop();
    }
    for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) g[a * l + b] = g[b * l + a]!;
    const r = cholesky(g, l);
    // M ← M · R⁻¹, solving each row against the upper-triangular R.
    const row = new Float64Array(l);
    for (let i = 0; i < n; i++) {
      const o = i * l;
      for (let b = 0; b < l; b++) {
        let s = m[o + b]!;
        for (let a = 0; a < b; a++) s -= row[a]! * r[a * l + b]!;
        row[b] = s / r[b * l + b]!;
      }
      m.set(row, o);
    }
  }
}

/** Upper-triangular R with Rᵀ R = G; tiny pivots are lifted so a rank-deficient G still factors. */
function cholesky(g: Float64Array, l: number): Float64Array {
  const r = new Float64Array(l * l);
  let scale = 0;
  for (let a = 0; a < l; a++) scale = Math.max(scale, g[a * l + a]!);
  const floor = Math.max(scale * 1e-12, 1e-300);
  for (let a = 0; a < l; a++) {
    let d = g[a * l + a]!;
    for (let k = 0; k < a; k++) d -= r[k * l + a]! ** 2;
    const pivot = Math.sqrt(Math.max(d, floor));
    r[a * l + a] = pivot;
    for (let b = a + 1; b < l; b++) {
      let s = g[a * l + b]!;
      for (let k = 0; k < a; k++) s -= r[k * l + a]! * r[k * l + b]!;
      r[a * l + b] = s / pivot;
    }
  }
  return r;
}

/** Eigen-decomposition of a symmetric l × l matrix by cyclic Jacobi; eigenvalues descending. */
export function symmetricEigen(
  s: Float64Array,
  l: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(s);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]!;
          const akq = a[k * l + q]!;
          a[k * l + p] = c * akp - sn * akq;
          a[k * l + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!;
          const aqk = a[q * l + k]!;
          a[p * l + k] = c * apk - sn * aqk;
          a[q * l + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!;
          const vkq = v[k * l + q]!;
          v[k * l + p] = c * vkp - sn * vkq;
          v[k * l + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: l }, (_, i) => i).sort(
    (x, y) => a[y * l + y]! - a[x * l + x]!,
  );
  const values = new Float64Array(l);
  const vectors = new Float64Array(l * l);
  order.forEach((from, to) => {
    values[to] = a[from * l + from]!;
    for (let k = 0; k < l; k++) vectors[k * l + to] = v[k * l + from]!;
  });
  return { values, vectors };
}
