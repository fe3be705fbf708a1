import type { PaperText } from './lsa-model.ts';

/** Turns papers and queries into unit vectors; one identity per model, stored with its vectors. */
export interface Embedder {
  readonly modelId: string;
  readonly kind: string;
  dims: number;
  /** Vectors of papers, flat (n × dims). */
  embedPapers(papers: PaperText[]): Promise<Float32Array>;
  embedQuery(text: string): Promise<Float32Array>;
}

/** Scales a vector to unit length in place. */
export function normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}
