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
 * Embeds every paper still without a vector of a new built-in model in the worker, which keeps
 * the vectors to build the model's HNSW index later (`buildWorkerIndex`). This thread only
 * reads texts and writes vectors, chunk by chunk. Returns the highest sequence number written.
 */
export async function embedForWorkerIndex(args: {
  db: Db;
  worker: SemanticWorker;
  embedder: BuiltinEmbedder;
  now: () => string;
  closed: () => boolean;
  embedded: (count: number) => void;
}): Promise<number> {
  const { db, worker, embedder } = args;
  const modelId = embedder.modelId;
  const modelBytes = () => embedder.model.toBytes();
  await worker.beginIndex();
  let rows = await papersWithoutVector(db, modelId, BATCH);
  while (rows.length > 0) {
    if (args.closed()) break;
    const pids = rows.map((r) => r.pid);
    // The worker embeds this chunk while the next one is read from the store.
    const vectors = worker.embed(modelId, modelBytes, rows, pids);
    vectors.catch(() => undefined);
    const next = await papersWithoutVector(db, modelId, BATCH, pids[pids.length - 1]!);
    await saveVectors(db, modelId, pids, await vectors, embedder.dims, args.now());
    args.embedded(rows.length);
    await yieldToEventLoop();
    rows = next;
  }
  return (await vectorExtent(db, modelId)).maxSeq;
}

/**
 * Has the worker build and save the HNSW index of the vectors it embedded (through sequence
 * number `highWater`), then switches the model's index over to it.
 */
export async function buildWorkerIndex(args: {
  worker: SemanticWorker;
  index: ModelIndex;
  dataDir: string;
  highWater: number;
}): Promise<void> {
  const { index } = args;
  const file = ModelIndex.fileFor(args.dataDir, index.modelId);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  ModelIndex.removeFile(file);
  await args.worker.saveIndex(index.dims, file);
  ModelIndex.writeMeta(file, args.highWater);
  await index.adopt(file);
}
