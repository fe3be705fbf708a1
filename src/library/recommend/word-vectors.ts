import { indexTerms } from '../../search/text/tokenize.ts';
import type { SparseVector } from './rank.ts';

interface Text {
  id: string;
  title: string;
  abstract: string;
}

/**
 * TF-IDF vectors of a handful of papers (a member's profile and candidates), with document
 * frequencies taken from those same papers: no model needed, so the words side works whichever
 * embedder is configured. The title counts twice, as in the built-in model.
 */
export function wordVectors(texts: readonly Text[]): Map<string, SparseVector> {
  const ids = new Map<string, number>();
  const docs = texts.map((t) => {
    const counts = new Map<number, number>();
    const title = indexTerms(t.title);
    for (const term of [...title, ...title, ...indexTerms(t.abstract)]) {
      let id = ids.get(term);
      if (id === undefined) ids.set(term, (id = ids.size));
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  });
  const df = new Int32Array(ids.size);
  for (const d of docs) for (const t of d.keys()) df[t]!++;
  const n = texts.length;
  const out = new Map<string, SparseVector>();
  docs.forEach((d, i) => {
    const idx = new Int32Array(d.size);
    const w = new Float32Array(d.size);
    let p = 0;
    let norm = 0;
    for (const [t, c] of d) {
      idx[p] = t;
      const v = (1 + Math.log(c)) * Math.log((1 + n) / (1 + df[t]!));
      w[p++] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let q = 0; q < w.length; q++) w[q]! /= norm;
    out.set(texts[i]!.id, { idx, w });
  });
  return out;
}
