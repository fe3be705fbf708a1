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
import { ModelSlots } from './model-slots.ts';
import { unpackTexts } from './packed-texts.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('semantic.worker.ts runs only as a worker thread');

let trainer: LsaTrainer | null = null;
/** Models loaded for embedding; the main thread mirrors this record (see ModelSlots). */
const models = new ModelSlots<BuiltinEmbedder>();
let queue: Promise<void> = Promise.resolve();
/**
 * The HNSW index being built from the vectors embedded since `index-begin`, saved to a file at
 * `index-save`: the vectors go into it as they are made, so no second copy of them is held, and
 * the main thread only loads the finished file.
 */
let building: HnswIndex | null = null;
/** Why adding to the index being built failed: it is not saved incomplete. */
let buildError: string | null = null;

port.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    try {
      const [reply, transfer, after] = await handle(request);
      port.postMessage(reply, transfer);
      // Work that needs no answer runs after the reply, while the main thread stores the vectors.
      after?.();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      port.postMessage({ id: request.id, ok: false, message } satisfies WorkerReply);
    }
  });
});

async function handle(
  request: WorkerRequest,
): Promise<[WorkerReply, ArrayBuffer[], (() => void)?]> {
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
      // Not kept for embedding: the main thread loads a model before it asks for its vectors.
      const trained = BuiltinEmbedder.fromModel(model);
      const bytes = new Uint8Array(trained.bytes.byteLength);
      bytes.set(trained.bytes);
      const reply: WorkerReply = {
        id,
        ok: true,
        op: 'model',
        modelId: trained.embedder.modelId,
        bytes,
        terms: model.terms.length,
      };
      return [reply, [bytes.buffer]];
    }
    case 'load-model':
      models.set(
        request.modelId,
        new BuiltinEmbedder(LsaModel.fromBytes(request.bytes), request.modelId),
      );
      return [{ id, ok: true, op: 'done' }, []];
    case 'embed': {
      const embedder = models.get(request.modelId);
      if (!embedder) throw new Error(`model ${request.modelId} is not loaded`);
      const vectors = await embedder.embedPapers(unpackTexts(request.texts));
      const keys = request.indexKeys;
      if (!keys) return [{ id, ok: true, op: 'vectors', vectors }, [vectors.buffer as ArrayBuffer]];
      const index = building;
      if (!index) throw new Error('embed into an index before index-begin');
      // The reply takes a copy: these vectors go into the index after it is sent.
      const reply: WorkerReply = { id, ok: true, op: 'vectors', vectors: vectors.slice() };
      return [
        reply,
        [reply.vectors.buffer as ArrayBuffer],
        () => {
          try {
            index.add(Array.from(keys), vectors);
          } catch (error) {
            buildError ??= error instanceof Error ? error.message : String(error);
          }
        },
      ];
    }
    case 'index-begin':
      building = new HnswIndex(request.dims);
      buildError = null;
      return [{ id, ok: true, op: 'done' }, []];
    case 'index-save': {
      if (!building) throw new Error('index-save before index-begin');
      const index = building;
      building = null;
      if (buildError) throw new Error(`building the vector index failed: ${buildError}`);
      index.save(request.file);
      return [{ id, ok: true, op: 'done' }, []];
    }
  }
}
