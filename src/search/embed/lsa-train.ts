import { documentTerms, LsaModel, type PaperText } from './lsa-model.ts';
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
 * read from the store), then `finish()` builds TF-IDF and runs the randomized SVD. Tokens are kept
 * as term numbers in one growing typed array: a couple of hundred thousand papers' words as
 * strings would take over a gigabyte of heap.
 */
export class LsaTrainer {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  private df = new Int32Array(1024);
  private tokens = new Int32Array(1 << 16);
  private tokenCount = 0;
  private docStart = new Int32Array(1024);
  private docs = 0;

  constructor(private readonly params: LsaParams = DEFAULT_LSA) {}

  /** Papers added so far. */
  get papers(): number {
    return this.docs;
  }

  /** Tokenizes papers and counts their document frequencies. */
  add(papers: Iterable<PaperText>): void {
    for (const paper of papers) {
      const words = documentTerms(paper);
      if (this.docs + 2 > this.docStart.length) this.docStart = grown(this.docStart, this.docs + 2);
      if (this.tokenCount + words.length > this.tokens.length)
        this.tokens = grown(this.tokens, this.tokenCount + words.length);
      this.docStart[this.docs] = this.tokenCount;
      const seen = new Set<number>();
      for (const word of words) {
        let id = this.termIds.get(word);
        if (id === undefined) {
          id = this.terms.length;
          this.termIds.set(word, id);
          this.terms.push(word);
          if (id === this.df.length) this.df = grown(this.df, id + 1);
        }
        this.tokens[this.tokenCount++] = id;
        if (!seen.has(id)) {
          seen.add(id);
          this.df[id]!++;
        }
      }
      this.docs++;
      this.docStart[this.docs] = this.tokenCount;
    }
  }

  /** Builds the model from everything added. */
  finish(): Promise<LsaModel> {
    return fitLsa(
      {
        terms: this.terms,
        df: this.df,
        tokens: this.tokens,
        docStart: this.docStart.subarray(0, this.docs + 1),
      },
      this.params,
    );
  }
}

/** Papers as term numbers: doc i's tokens are tokens[docStart[i] .. docStart[i + 1]). */
interface TokenizedPapers {
  terms: string[];
  df: Int32Array;
  tokens: Int32Array;
  docStart: Int32Array;
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

async function fitLsa(papers: TokenizedPapers, params: LsaParams): Promise<LsaModel> {
  const { terms, df } = papers;
  const n = papers.docStart.length - 1;
  const chosen = terms
    .map((_, id) => id)
    .filter((id) => df[id]! >= params.minDf && df[id]! <= 0.5 * n)
    .sort((a, b) => df[b]! - df[a]! || (terms[a]! < terms[b]! ? -1 : 1))
    .slice(0, params.maxTerms);
  const vocabulary = chosen.map((id) => terms[id]!);
  const m = vocabulary.length;
  // Term number → column (or -1 when the term is not in the vocabulary).
  const column = new Int32Array(terms.length).fill(-1);
  chosen.forEach((id, i) => (column[id] = i));
  const idf = new Float32Array(m);
  chosen.forEach((id, i) => (idf[i] = Math.log((n + 1) / (df[id]! + 0.5))));

  const matrix = await buildMatrix(papers, column, idf, m);
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

/**
 * The TF-IDF matrix in CSR form, rows L2-normalized (the weighting of `weighTerms`, with each
 * row's columns in order of first occurrence as there), filled straight from the token numbers.
 */
async function buildMatrix(
  papers: TokenizedPapers,
  column: Int32Array,
  idf: Float32Array,
  m: number,
): Promise<CsrMatrix> {
  const { tokens, docStart } = papers;
  const n = docStart.length - 1;
  const counts = new Int32Array(m);
  const order: number[] = [];
  const rowPtr = new Int32Array(n + 1);
  let colIdx = new Int32Array(1 << 16);
  let values = new Float32Array(1 << 16);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    for (let p = docStart[i]!; p < docStart[i + 1]!; p++) {
      const c = column[tokens[p]!]!;
      if (c < 0) continue;
      if (counts[c]!++ === 0) order.push(c);
    }
    if (nnz + order.length > colIdx.length) {
      colIdx = grown(colIdx, nnz + order.length);
      values = grownFloat(values, nnz + order.length);
    }
    let norm = 0;
    for (let q = 0; q < order.length; q++) {
      const c = order[q]!;
      const v = (1 + Math.log(counts[c]!)) * idf[c]!;
      colIdx[nnz + q] = c;
      values[nnz + q] = v;
      norm += v * v;
      counts[c] = 0;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let q = 0; q < order.length; q++) values[nnz + q]! /= norm;
    nnz += order.length;
    rowPtr[i + 1] = nnz;
    order.length = 0;
    if ((i & 8191) === 8191) await yieldToEventLoop();
  }
  return {
    rows: n,
    cols: m,
    rowPtr,
    colIdx: colIdx.slice(0, nnz),
    values: values.slice(0, nnz),
  };
}

function grown(a: Int32Array, min: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(min, Math.ceil(a.length * 1.5)));
  next.set(a);
  return next;
}

function grownFloat(a: Float32Array, min: number): Float32Array<ArrayBuffer> {
  const next = new Float32Array(Math.max(min, Math.ceil(a.length * 1.5)));
  next.set(a);
  return next;
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
