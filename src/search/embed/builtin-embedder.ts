import crypto from 'node:crypto';
import type { Embedder } from './embedder.ts';
import { LsaModel, type PaperText } from './lsa-model.ts';
import { yieldToEventLoop } from './sparse.ts';

export const BUILTIN_KIND = 'builtin-lsa';

/** The built-in embedder: an LSA model learned from the store's own papers. */
export class BuiltinEmbedder implements Embedder {
  readonly kind = BUILTIN_KIND;
  readonly dims: number;

  constructor(
    readonly model: LsaModel,
    readonly modelId: string,
  ) {
    this.dims = model.dims;
  }

  /** Wraps a freshly trained model; its id is a digest of its bytes. */
  static fromModel(model: LsaModel): { embedder: BuiltinEmbedder; bytes: Buffer } {
    const bytes = model.toBytes();
    return { embedder: new BuiltinEmbedder(model, modelIdOf(bytes, model.dims)), bytes };
  }

  /** Opens serialized model bytes; the id is the same digest `fromModel` gives. */
  static fromBytes(bytes: Uint8Array): BuiltinEmbedder {
    const model = LsaModel.fromBytes(bytes);
    return new BuiltinEmbedder(model, modelIdOf(bytes, model.dims));
  }

  async embedPapers(papers: PaperText[]): Promise<Float32Array> {
    const out = new Float32Array(papers.length * this.dims);
    for (let i = 0; i < papers.length; i++) {
      this.model.embed(papers[i]!, out.subarray(i * this.dims, (i + 1) * this.dims));
      if ((i & 1023) === 1023) await yieldToEventLoop();
    }
    return out;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    return this.model.embed({ title: text, abstract: '' });
  }
}

/** A built-in model's id: its dimensions and a digest of its bytes. */
export function modelIdOf(bytes: Uint8Array, dims: number): string {
  const digest = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return `lsa-${dims}-${digest}`;
}
