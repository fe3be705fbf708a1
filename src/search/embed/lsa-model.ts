import { indexTerms } from '../text/tokenize.ts';

/** Term lookups answered by scanning the term list before a map of it is built. */
const SCANS_BEFORE_MAP = 64;

/** The text of a paper the built-in model sees: the title counts twice, as it says most. */
export interface PaperText {
  title: string;
  abstract: string;
}

/**
 * Latent semantic analysis: TF-IDF term weights projected onto the top right singular vectors
 * of the corpus's document–term matrix. Everything a query or paper needs is here, stored in
 * the database so every instance embeds alike.
 */
export class LsaModel {
  /** Term → row, built once lookups add up (see `rowOf`). */
  private termIndex: Map<string, number> | null = null;
  private scanned = 0;

  constructor(
    readonly terms: string[],
    /** Inverse document frequency per term. */
    readonly idf: Float32Array,
    /** Terms × dims, row-major: the projection. */
    readonly basis: Float32Array,
    /** Per-dimension weight applied after projection (σ⁻ᵖ). */
    readonly scale: Float32Array,
  ) {}

  get dims(): number {
    return this.scale.length;
  }

  /** Sparse TF-IDF vector of a text, L2-normalized: term indices and weights. */
  weigh(text: PaperText): { idx: Int32Array; w: Float32Array } {
    return weighTerms(documentTerms(text), this, this.idf);
  }

  /**
   * A term's row. The first lookups scan the term list: a one-off query needs a handful, and
   * building the map of ~35,000 terms costs more than they do; embedding papers soon builds it.
   */
  rowOf(term: string): number | undefined {
    if (this.termIndex === null && this.scanned++ < SCANS_BEFORE_MAP) {
      const row = this.terms.indexOf(term);
      return row < 0 ? undefined : row;
    }
    if (this.termIndex === null) {
      this.termIndex = new Map();
      for (let i = 0; i < this.terms.length; i++) this.termIndex.set(this.terms[i]!, i);
    }
    return this.termIndex.get(term);
  }

  /** A unit vector for a paper or a query (a query is a title with no abstract). */
  embed(text: PaperText, out = new Float32Array(this.dims)): Float32Array {
    const { idx, w } = this.weigh(text);
    const d = this.dims;
    out.fill(0);
    for (let p = 0; p < idx.length; p++) {
      const o = idx[p]! * d;
      const v = w[p]!;
      for (let j = 0; j < d; j++) out[j]! += v * this.basis[o + j]!;
    }
    let norm = 0;
    for (let j = 0; j < d; j++) {
      out[j]! *= this.scale[j]!;
      norm += out[j]! * out[j]!;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < d; j++) out[j]! /= norm;
    return out;
  }

  /** Serializes the model: a JSON header with the vocabulary, then the float arrays. */
  toBytes(): Buffer {
    const header = Buffer.from(JSON.stringify({ terms: this.terms, dims: this.dims }), 'utf8');
    const pad = (4 - ((4 + header.length) % 4)) % 4;
    const floats = this.idf.length + this.basis.length + this.scale.length;
    const buffer = Buffer.alloc(4 + header.length + pad + floats * 4);
    buffer.writeUInt32LE(header.length, 0);
    header.copy(buffer, 4);
    let offset = 4 + header.length + pad;
    for (const array of [this.idf, this.basis, this.scale]) {
      Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(buffer, offset);
      offset += array.byteLength;
    }
    return buffer;
  }

  static fromBytes(bytes: Uint8Array): LsaModel {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const length = buffer.readUInt32LE(0);
    const header = JSON.parse(buffer.subarray(4, 4 + length).toString('utf8')) as {
      terms: string[];
      dims: number;
    };
    const pad = (4 - ((4 + length) % 4)) % 4;
    let offset = 4 + length + pad;
    const take = (n: number) => {
      // Floats over the bytes where they are aligned (a file read whole); else a copy, whatever
      // the driver's buffer offset was.
      const at = buffer.byteOffset + offset;
      let out: Float32Array;
      if (at % 4 === 0 && offset + n * 4 <= buffer.length) {
        out = new Float32Array(buffer.buffer, at, n);
      } else {
        out = new Float32Array(n);
        new Uint8Array(out.buffer).set(buffer.subarray(offset, offset + n * 4));
      }
      offset += n * 4;
      return out;
    };
    const m = header.terms.length;
    const idf = take(m);
    const basis = take(m * header.dims);
    const scale = take(header.dims);
    return new LsaModel(header.terms, idf, basis, scale);
  }
}

/** Index terms of a paper: title twice, then abstract. */
export function documentTerms(text: PaperText): string[] {
  const title = indexTerms(text.title);
  return [...title, ...title, ...indexTerms(text.abstract)];
}

/** Sublinear TF × IDF over known terms, L2-normalized. */
export function weighTerms(
  terms: string[],
  rows: { rowOf(term: string): number | undefined },
  idf: Float32Array,
): { idx: Int32Array; w: Float32Array } {
  const counts = new Map<number, number>();
  for (const t of terms) {
    const i = rows.rowOf(t);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const idx = new Int32Array(counts.size);
  const w = new Float32Array(counts.size);
  let p = 0;
  let norm = 0;
  for (const [i, c] of counts) {
    idx[p] = i;
    const v = (1 + Math.log(c)) * idf[i]!;
    w[p++] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let q = 0; q < w.length; q++) w[q]! /= norm;
  return { idx, w };
}
