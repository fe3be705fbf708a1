import { afterEach, describe, expect, it } from 'vitest';
import { BuiltinEmbedder } from '../../src/search/embed/builtin-embedder.ts';
import { trainLsa } from '../../src/search/embed/lsa-train.ts';
import { SemanticWorker } from '../../src/search/worker/semantic-worker.ts';
import { generatedPapers } from './generated-papers.ts';

/** Three different built-in models, trained on this thread from different papers. */
async function threeModels() {
  const papers = generatedPapers(900).map((p) => ({ title: p.title, abstract: p.abstract }));
  const models = [];
  for (const part of [papers.slice(0, 300), papers.slice(300, 600), papers.slice(600)])
    models.push(BuiltinEmbedder.fromModel(await trainLsa(part)));
  return { papers, models };
}

describe('the semantic worker embedding with several models at once', () => {
  let worker: SemanticWorker;
  afterEach(() => worker.close());

  it('answers every model right when requests for different models interleave', async () => {
    const { papers, models } = await threeModels();
    worker = new SemanticWorker();
    // Interleaved without waiting, as the active model's ingest batches and a new model's bulk
    // embedding do; three models also push the least recently used one out of the worker.
    const order = [0, 1, 0, 2, 1, 0, 2, 2, 1, 0];
    const asked = order.map((m, i) => {
      const { embedder, bytes } = models[m]!;
      const chunk = papers.slice(i * 50, i * 50 + 50);
      return { m, chunk, vectors: worker.embed(embedder.modelId, () => bytes, chunk) };
    });
    for (const { m, chunk, vectors } of asked) {
      const expected = await models[m]!.embedder.embedPapers(chunk);
      const got = await vectors;
      expect(got.length).toBe(expected.length);
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i]!, 5);
    }
  });

  it('starts a fresh worker after a recycle and loads the model again', async () => {
    const { papers, models } = await threeModels();
    worker = new SemanticWorker();
    const { embedder, bytes } = models[0]!;
    let loads = 0;
    const modelBytes = () => {
      loads++;
      return bytes;
    };
    const first = await worker.embed(embedder.modelId, modelBytes, papers.slice(0, 10));
    await worker.embed(embedder.modelId, modelBytes, papers.slice(10, 20));
    expect(loads).toBe(1);
    await worker.recycle();
    const again = await worker.embed(embedder.modelId, modelBytes, papers.slice(0, 10));
    expect(loads).toBe(2);
    expect(Array.from(again)).toEqual(Array.from(first));
  });
});
