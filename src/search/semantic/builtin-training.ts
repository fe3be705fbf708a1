import type { Db } from '../../db/database.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Logger } from '../../logger.ts';
import { BUILTIN_KIND, BuiltinEmbedder } from '../embed/builtin-embedder.ts';
import { LsaModel } from '../embed/lsa-model.ts';
import { DEFAULT_LSA } from '../embed/lsa-train.ts';
import { yieldToEventLoop } from '../embed/sparse.ts';
import type { SemanticWorker } from '../worker/semantic-worker.ts';
import { newestPaperTexts, saveModel } from './embedding.repository.ts';

/** Papers read from the store per chunk handed to the worker. */
const TRAIN_CHUNK = 5000;

/**
 * Trains the built-in model on the newest papers in the worker thread and stores it as a model
 * still 'building' (its vectors come next). This thread only reads texts a chunk at a time
 * (letting requests run between chunks) and hands them over.
 */
export async function trainBuiltinModel(
  deps: { db: Db; clock: Clock; logger: Logger; worker: SemanticWorker },
  maxPapers: number,
): Promise<BuiltinEmbedder> {
  const { db, worker } = deps;
  const started = Date.now();
  async function* chunks() {
    for await (const rows of newestPaperTexts(db, maxPapers, TRAIN_CHUNK)) {
      yield rows;
      await yieldToEventLoop();
    }
  }
  const trained = await worker.train(chunks(), DEFAULT_LSA);
  // Training leaves the worker's heap large (term statistics, the SVD's work arrays): a fresh
  // worker embeds, so the peak memory of training and indexing never adds up.
  await worker.recycle();
  const embedder = new BuiltinEmbedder(LsaModel.fromBytes(trained.bytes), trained.modelId);
  await saveModel(
    db,
    {
      id: embedder.modelId,
      kind: BUILTIN_KIND,
      dims: embedder.dims,
      params: { ...DEFAULT_LSA, papers: trained.papers, terms: trained.terms },
      data: trained.bytes,
      status: 'building',
    },
    deps.clock.now().toISOString(),
  );
  deps.logger.info(
    { model: embedder.modelId, papers: trained.papers, ms: Date.now() - started },
    'trained the built-in embedding model',
  );
  return embedder;
}
