/**
 * The semantic worker: trains the built-in LSA model and embeds papers in bulk, off the main
 * thread, so the server keeps answering requests while it works. Requests are handled one at a
 * time, in the order they arrive.
 */
import { parentPort } from 'node:worker_threads';
import { BuiltinEmbedder } from '../embed/builtin-embedder.ts';
import { LsaModel } from '../embed/lsa-model.ts';
import { LsaTrainer } from '../embed/lsa-train.ts';
import { HnswIndex } from '../vector/vector-index.ts';
import { unpackTexts } from './packed-texts.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('semantic.worker.ts runs only as a worker thread');

let trainer: LsaTrainer | null = null;
let embedder: BuiltinEmbedder | null = null;
let queue: Promise<void> = Promise.resolve();
/**
 * Vectors embedded since `index-begin`, kept to build an HNSW index from here at `index-save`,
 * so the main thread only loads the finished file.
 */
let retained: { keys: Int32Array; vectors: Float32Array }[] | null = null;

port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      const [reply, transfer] = await handle(request);
      port.postMessage(reply, transfer);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ id: request.id, ok: false, message } satisfies WorkerReply);
    }
  });
});

async function handle(request: WorkerRequest): Promise<[WorkerReply, ArrayBuffer[]]> {
  const { id } = request;
  switch (request.op) {
    case 'train-begin':
      trainer = new LsaTrainer(request.params);
      return [{ id, ok: true, op: 'done' }, []];
    case 'train-add':
      if (!trainer) throw new Error('train-add before train-begin');
      trainer.add(unpackTexts(request.texts));
      return [{ id, ok: true, op: 'done' }, []];
    case 'train-end': {
      if (!trainer) throw new Error('train-end before train-begin');
      const model = await trainer.finish();
      trainer = null;
      const trained = BuiltinEmbedder.fromModel(model);
      embedder = trained.embedder;
      const bytes = new Uint8Array(trained.bytes.byteLength);
      bytes.set(trained.bytes);
      const reply: WorkerReply = {
        id,
        ok: true,
        op: 'model',
        modelId: embedder.modelId,
        bytes,
        terms: model.terms.length,
      };
      return [reply, [bytes.buffer]];
    }
    case 'load-model':
      embedder = new BuiltinEmbedder(LsaModel.fromBytes(request.bytes), request.modelId);
      return [{ id, ok: true, op: 'done' }, []];
    case 'embed': {
      if (embedder?.modelId !== request.modelId)
        throw new Error(`model ${request.modelId} is not loaded`);
      const vectors = await embedder.embedPapers(unpackTexts(request.texts));
      if (request.indexKeys) {
        if (!retained) throw new Error('embed into an index before index-begin');
        retained.push({ keys: request.indexKeys, vectors: vectors.slice() });
      }
      return [{ id, ok: true, op: 'vectors', vectors }, [vectors.buffer as ArrayBuffer]];
    }
    case 'index-begin':
      retained = [];
      return [{ id, ok: true, op: 'done' }, []];
    case 'index-save': {
      if (!retained) throw new Error('index-save before index-begin');
      const index = new HnswIndex(request.dims);
      for (const part of retained) index.add(Array.from(part.keys), part.vectors);
      retained = null;
      index.save(request.file);
      return [{ id, ok: true, op: 'done' }, []];
    }
  }
}
