import type { Embedder } from './embedder.ts';
import { normalize } from './embedder.ts';
import type { PaperText } from './lsa-model.ts';

export const OPENAI_KIND = 'openai';

export interface OpenAiEmbedderOptions {
  /** Base URL (…/v1) or the full …/v1/embeddings address. */
  url: string;
  model: string;
  apiKey?: string | undefined;
  /** Inputs per request. */
  batch?: number;
  timeoutMs?: number;
}

/** Any OpenAI-compatible /v1/embeddings endpoint: OpenAI, Ollama, TEI, vLLM. */
export class OpenAiEmbedder implements Embedder {
  readonly kind = OPENAI_KIND;
  readonly modelId: string;
  dims = 0;
  private readonly endpoint: string;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    const base = options.url.replace(/\/+$/, '');
    this.endpoint = /\/embeddings$/.test(base) ? base : `${base}/embeddings`;
    this.modelId = `openai:${options.model}`;
  }

  /** Parameters stored with the model (never the API key). */
  get params(): Record<string, unknown> {
    return { url: this.options.url, model: this.options.model };
  }

  async embedPapers(papers: PaperText[]): Promise<Float32Array> {
    const batch = this.options.batch ?? 64;
    const parts: Float32Array[] = [];
    for (let i = 0; i < papers.length; i += batch) {
      const inputs = papers.slice(i, i + batch).map((p) => `${p.title}\n\n${p.abstract}`);
      parts.push(...(await this.request(inputs)));
    }
    const out = new Float32Array(parts.length * this.dims);
    parts.forEach((v, i) => out.set(v, i * this.dims));
    return out;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [v] = await this.request([text.slice(0, 8000)]);
    return v!;
  }

  private async request(input: string[]): Promise<Float32Array[]> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: this.options.model, input }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
    });
    if (!response.ok)
      throw new Error(`embeddings endpoint answered ${response.status} ${response.statusText}`);
    const body = (await response.json()) as { data?: { embedding?: unknown; index?: number }[] };
    if (!Array.isArray(body.data) || body.data.length !== input.length)
      throw new Error('embeddings endpoint returned an unexpected body');
    const sorted = [...body.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    return sorted.map((item) => {
      if (!Array.isArray(item.embedding) || item.embedding.length === 0)
        throw new Error('embeddings endpoint returned an item without an embedding');
      const v = normalize(Float32Array.from(item.embedding as number[]));
      if (this.dims === 0) this.dims = v.length;
      if (v.length !== this.dims) throw new Error('embeddings endpoint changed dimensions');
      return v;
    });
  }
}
