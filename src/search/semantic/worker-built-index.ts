import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import type { BuiltinEmbedder } from '../embed/builtin-embedder.ts';
import { yieldToEventLoop } from '../embed/sparse.ts';
import type { SemanticWorker } from '../worker/semantic-worker.ts';
import { papersWithoutVector, saveVectors, vectorExtent } from './embedding.repository.ts';
import { ModelIndex } from './vector-store-index.ts';

/** Papers per chunk read from the store and embedded. */
const BATCH = 2000;

/**
 * Embeds every paper still without a vector of a new built-in model, with the worker also
 * building the model's HNSW index (multi-threaded, off the event loop) and saving it where
 * `ModelIndex.open` looks. This thread only reads texts and writes vectors, chunk by chunk.
 * Returns false when closed before the end (the saved file is then left unwritten).
 */
export async function embedIntoWorkerIndex(args: {
  db: Db;
  worker: SemanticWorker;
  embedder: BuiltinEmbedder;
  dataDir: string;
  now: () => string;
  closed: () => boolean;
  embedded: (count: number) => void;
}): Promise<boolean> {
  const { db, worker, embedder } = args;
  const modelId = embedder.modelId;
  const modelBytes = () => embedder.model.toBytes();
  await worker.beginIndex(embedder.dims);
  let rows = await papersWithoutVector(db, modelId, BATCH);
  while (rows.length > 0) {
    if (args.closed()) return false;
    const pids = rows.map((r) => r.pid);
    // The worker embeds and indexes this chunk while the next one is read from the store.
    const vectors = worker.embed(modelId, modelBytes, rows, pids);
    vectors.catch(() => undefined);
    const next = await papersWithoutVector(db, modelId, BATCH, pids[pids.length - 1]!);
    await saveVectors(db, modelId, pids, await vectors, embedder.dims, args.now());
    args.embedded(rows.length);
    await yieldToEventLoop();
    rows = next;
  }
  const file = ModelIndex.fileFor(args.dataDir, modelId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { maxSeq } = await vectorExtent(db, modelId);
  await worker.saveIndex(file);
  ModelIndex.writeMeta(file, maxSeq);
  return true;
}
