import type { Db } from '../../db/database.ts';
import { BuiltinEmbedder } from '../embed/builtin-embedder.ts';
import { LsaModel } from '../embed/lsa-model.ts';
import { DEFAULT_LSA } from '../embed/lsa-train.ts';
import { yieldToEventLoop } from '../embed/sparse.ts';
import type { SemanticWorker } from '../worker/semantic-worker.ts';
import { newestPaperTexts } from './embedding.repository.ts';

/** Papers read from the store per chunk handed to the worker. */
const TRAIN_CHUNK = 5000;

/**
 * Trains the built-in model on the newest papers in the worker thread: this thread only reads
 * texts a chunk at a time (letting requests run between chunks) and hands them over.
 */
export async function trainBuiltinModel(
  db: Db,
  worker: SemanticWorker,
  maxPapers: number,
): Promise<{ embedder: BuiltinEmbedder; bytes: Uint8Array; papers: number; terms: number }> {
  async function* chunks() {
    for await (const rows of newestPaperTexts(db, maxPapers, TRAIN_CHUNK)) {
      yield rows;
      await yieldToEventLoop();
    }
  }
  const trained = await worker.train(chunks(), DEFAULT_LSA);
  const embedder = new BuiltinEmbedder(LsaModel.fromBytes(trained.bytes), trained.modelId);
  return { embedder, bytes: trained.bytes, papers: trained.papers, terms: trained.terms };
}
