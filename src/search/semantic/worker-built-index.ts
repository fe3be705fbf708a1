import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import type { BuiltinEmbedder } from '../embed/builtin-embedder.ts';
import { yieldToEventLoop } from '../embed/sparse.ts';
import type { SemanticWorker } from '../worker/semantic-worker.ts';
import { papersWithoutVector, saveVectors, vectorExtent } from './embedding.repository.ts';
import { indexFileFor, installIndexFile, removeIndexFile, stagedIndexFile } from './index-file.ts';

/** Papers per chunk read from the store and embedded. */
const BATCH = 2000;

/**
 * Embeds every paper still without a vector of a new built-in model in the worker, which adds
 * each vector to an HNSW index as it makes it and finally saves that index as the model's index
 * file (with the store's high-water mark beside it), then ends so its memory is returned. This
 * thread only reads texts and stores vectors, chunk by chunk, and never holds them all: opening
 * the model's index afterwards loads the file. Returns false when closed part-way (no file).
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
  const file = indexFileFor(args.dataDir, modelId);
  // Whatever file an interrupted run left is superseded by the one built now.
  removeIndexFile(file);
  await worker.beginIndex(embedder.dims);
  try {
    let rows = await papersWithoutVector(db, modelId, BATCH);
    while (rows.length > 0) {
      if (args.closed()) return false;
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
    const { maxSeq } = await vectorExtent(db, modelId);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const staged = stagedIndexFile(file);
    await worker.saveIndex(staged);
    await installIndexFile(staged, file, maxSeq);
    return true;
  } finally {
    // Done, stopped or failed: the index the worker holds goes with it.
    await worker.recycle();
  }
}
