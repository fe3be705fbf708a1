import { documentTerms, LsaModel, weighTerms, type PaperText } from './lsa-model.ts';
import {
  multiply,
  multiplyTransposed,
  orthonormalize,
  symmetricEigen,
  yieldToEventLoop,
  type CsrMatrix,
} from './sparse.ts';

export interface LsaParams {
  /** Dimensions kept. */
  dims: number;
  /** Largest vocabulary (most frequent terms first). */
  maxTerms: number;
  /** Terms in fewer papers than this are left out. */
  minDf: number;
  /** Subspace (power) iterations of the randomized SVD. */
  iterations: number;
  /** Extra columns beyond `dims` for the randomized range finder. */
  oversample: number;
  /** Singular-value exponent: dimension j is scaled by σⱼ^-p after projection. */
  power: number;
  seed: number;
}

/** Chosen on SciFact train and the arXiv title→paper run (bench/search.bench.ts). */
export const DEFAULT_LSA: LsaParams = {
  dims: 128,
  maxTerms: 40_000,
  minDf: 2,
  iterations: 2,
  oversample: 12,
  power: 0.5,
  seed: 42,
};

/**
 * Trains LSA incrementally: papers are tokenized as they are added (chunk by chunk, as they are
 * read from the store), then `finish()` builds TF-IDF and runs the randomized SVD.
 */
export class LsaTrainer {
  private readonly docs: string[][] = [];
  private readonly df = new Map<string, number>();

  constructor(private readonly params: LsaParams = DEFAULT_LSA) {}

  /** Papers added so far. */
  get papers(): number {
    return this.docs.length;
  }

  /** Tokenizes papers and counts their document frequencies. */
  add(papers: Iterable<PaperText>): void {
    for (const paper of papers) {
      const terms = documentTerms(paper);
      this.docs.push(terms);
      for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    }
  }

  /** Builds the model from everything added. */
  finish(): Promise<LsaModel> {
    return fitLsa(this.docs, this.df, this.params);
  }
}

/** Trains LSA on papers with a randomized SVD in plain typed arrays; yields to the event loop often. */
export async function trainLsa(
  papers: Iterable<PaperText>,
  params: LsaParams = DEFAULT_LSA,
): Promise<LsaModel> {
  const trainer = new LsaTrainer(params);
  const chunk: PaperText[] = [];
  for (const paper of papers) {
    chunk.push(paper);
    if (chunk.length === 1024) {
      trainer.add(chunk);
      chunk.length = 0;
      await yieldToEventLoop();
    }
  }
  trainer.add(chunk);
  return trainer.finish();
}

async function fitLsa(
  docs: string[][],
  df: Map<string, number>,
  params: LsaParams,
): Promise<LsaModel> {
  const n = docs.length;
  const vocabulary = [...df.entries()]
    .filter(([, count]) => count >= params.minDf && count <= 0.5 * n)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, params.maxTerms)
    .map(([term]) => term);
  const m = vocabulary.length;
  const termIndex = new Map(vocabulary.map((t, i) => [t, i]));
  const idf = new Float32Array(m);
  vocabulary.forEach((t, i) => (idf[i] = Math.log((n + 1) / (df.get(t)! + 0.5))));

  const matrix = await buildMatrix(docs, termIndex, idf, m);
  const dims = Math.min(params.dims, m, n);
  const l = Math.min(dims + params.oversample, m, n);
  // Subspace iteration on AᵀA from a random start: Z spans the top right singular vectors.
  const random = gaussian(params.seed);
  let z: Float64Array = new Float64Array(m * l);
  for (let i = 0; i < z.length; i++) z[i] = random();
  for (let it = 0; it <= params.iterations; it++) {
    const y = await multiply(matrix, z, l);
    z = await multiplyTransposed(matrix, y, l);
    await orthonormalize(z, m, l);
  }
  // Rayleigh–Ritz: eigenvectors of Zᵀ AᵀA Z rotate Z onto the singular vectors.
  const c = await multiply(matrix, z, l);
  const g = new Float64Array(l * l);
  for (let i = 0; i < n; i++) {
    const o = i * l;
    for (let a = 0; a < l; a++) {
      const v = c[o + a]!;
      if (v === 0) continue;
      for (let b = a; b < l; b++) g[a * l + b]! += v * c[o + b]!;
    }
    if ((i & 8191) === 8191) await yieldToEventLoop();
  }
  for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) g[a * l + b] = g[b * l + a]!;
  const { values, vectors } = symmetricEigen(g, l);
  const basis = new Float32Array(m * dims);
  for (let t = 0; t < m; t++) {
    for (let j = 0; j < dims; j++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += z[t * l + a]! * vectors[a * l + j]!;
      basis[t * dims + j] = s;
    }
  }
  const scale = new Float32Array(dims);
  for (let j = 0; j < dims; j++) {
    const sigma = Math.sqrt(Math.max(values[j]!, 1e-12));
    scale[j] = sigma ** -params.power;
  }
  return new LsaModel(vocabulary, idf, basis, scale);
}

async function buildMatrix(
  docs: string[][],
  termIndex: Map<string, number>,
  idf: Float32Array,
  m: number,
): Promise<CsrMatrix> {
  const rows = docs.map((terms) => weighTerms(terms, termIndex, idf));
  const rowPtr = new Int32Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) rowPtr[i + 1] = rowPtr[i]! + rows[i]!.idx.length;
  const nnz = rowPtr[rows.length]!;
  const colIdx = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let i = 0; i < rows.length; i++) {
    colIdx.set(rows[i]!.idx, rowPtr[i]!);
    values.set(rows[i]!.w, rowPtr[i]!);
  }
  await yieldToEventLoop();
  return { rows: rows.length, cols: m, rowPtr, colIdx, values };
}

/** A seeded standard-normal generator (mulberry32 + Box–Muller), so training is repeatable. */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
}
