import { Worker } from 'node:worker_threads';
import type { PaperText } from '../embed/lsa-model.ts';
import type { LsaParams } from '../embed/lsa-train.ts';
import { packTexts, transferList } from './packed-texts.ts';
import { ModelSlots } from './model-slots.ts';
import type { WorkerReply, WorkerRequest } from './protocol.ts';

/** The worker stopped (crashed, or was terminated by `close()`); its work is lost. */
export class WorkerGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerGoneError';
  }
}

/**
 * The least heap the worker may be given. Below about 4 MB a worker's isolate cannot even be
 * created, and Node.js 24 then aborts the whole process (a fatal out-of-memory while V8
 * deserializes its start-up snapshot) instead of failing the worker alone, as Node.js 20 does.
 */
export const MIN_WORKER_HEAP_MB = 8;

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };
type Request = WorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/**
 * The main thread's handle on the semantic worker thread: LSA training and bulk embedding run
 * there, and texts and vectors cross as transferred typed arrays. Started on first use.
 */
export class SemanticWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Which models the worker holds, updated as requests are sent (the worker's ModelSlots). */
  private readonly models = new ModelSlots<true>();
  /** A recycle asked for while requests were pending: done once they are answered. */
  private recycleWhenIdle = false;
  private gone: WorkerGoneError | null = null;

  /**
   * `maxHeapMb` bounds the worker's heap (at least MIN_WORKER_HEAP_MB); past it the worker dies
   * and its work is lost.
   */
  constructor(private readonly options: { maxHeapMb?: number } = {}) {
    const { maxHeapMb } = options;
    if (maxHeapMb !== undefined && !(maxHeapMb >= MIN_WORKER_HEAP_MB))
      throw new Error(
        `the semantic worker's heap limit must be at least ${MIN_WORKER_HEAP_MB} MB (got ${maxHeapMb})`,
      );
  }

  /** Trains a model on texts fed chunk by chunk; returns its id and serialized bytes. */
  async train(
    chunks: AsyncIterable<PaperText[]>,
    params: LsaParams,
  ): Promise<{ modelId: string; bytes: Uint8Array; papers: number; terms: number }> {
    await this.request({ op: 'train-begin', params });
    let papers = 0;
    // One chunk in flight: the worker tokenizes it while the next one is read from the store.
    let inFlight: Promise<unknown> = Promise.resolve();
    for await (const chunk of chunks) {
      await inFlight;
      papers += chunk.length;
      const texts = packTexts(chunk);
      inFlight = this.request({ op: 'train-add', texts }, transferList(texts));
      // Awaited before the next chunk; until then its failure must not count as unhandled.
      inFlight.catch(() => undefined);
    }
    await inFlight;
    const reply = await this.request({ op: 'train-end' });
    if (reply.ok !== true || reply.op !== 'model') throw new Error('worker sent no model');
    return { modelId: reply.modelId, bytes: reply.bytes, papers, terms: reply.terms };
  }

  /** Vectors of papers (flat, n × dims) under a built-in model, loading the model first if needed. */
  async embed(
    modelId: string,
    modelBytes: () => Uint8Array,
    papers: PaperText[],
    indexKeys?: number[],
  ) {
    const texts = packTexts(papers);
    const keys = indexKeys ? Int32Array.from(indexKeys) : undefined;
    // The load (when the worker lacks the model) and the embed are sent back to back, with no
    // await between: no other request can come between them, whoever else is embedding.
    if (!this.models.get(modelId)) {
      const loaded = this.request({ op: 'load-model', modelId, bytes: modelBytes() });
      // A failed load fails the embed that follows it, which is what the caller sees.
      loaded.catch(() => undefined);
      this.models.set(modelId, true);
    }
    const reply = await this.request(
      { op: 'embed', modelId, texts, indexKeys: keys },
      keys ? [...transferList(texts), keys.buffer as ArrayBuffer] : transferList(texts),
    );
    if (reply.ok !== true || reply.op !== 'vectors') throw new Error('worker sent no vectors');
    return reply.vectors;
  }

  /** Starts an HNSW index in the worker; `embed` with keys adds the vectors it makes to it. */
  async beginIndex(dims: number): Promise<void> {
    await this.request({ op: 'index-begin', dims });
  }

  /** Writes the HNSW index built since `beginIndex` to a file and lets it go. */
  async saveIndex(file: string): Promise<void> {
    await this.request({ op: 'index-save', file });
  }

  /**
   * Ends the worker thread after bulk work so the memory it holds (a built index, training
   * leftovers) goes back to the system; the next request starts a fresh one.
   */
  async recycle(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    if (this.pending.size > 0) {
      this.recycleWhenIdle = true;
      return;
    }
    this.recycleWhenIdle = false;
    this.worker = null;
    this.models.clear();
    await worker.terminate();
  }

  /** Stops the worker; whatever it was doing is rejected with WorkerGoneError. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.fail(new WorkerGoneError('the semantic worker was closed'));
    if (worker) await worker.terminate();
  }

  private request(request: Request, transfer: ArrayBuffer[] = []): Promise<WorkerReply> {
    if (this.gone) return Promise.reject(this.gone);
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (reply) =>
          reply.ok ? resolve(reply) : reject(new Error(`semantic worker: ${reply.message}`)),
        reject,
      });
      worker.ref();
      worker.postMessage({ ...request, id }, transfer);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // Sources are TypeScript: a small ESM bootstrap registers tsx inside the thread first.
    const worker = new Worker(new URL('./run-ts.mjs', import.meta.url), {
      workerData: { entry: new URL('./semantic.worker.ts', import.meta.url).href },
      resourceLimits: this.options.maxHeapMb
        ? { maxOldGenerationSizeMb: this.options.maxHeapMb }
        : undefined,
    });
    worker.on('message', (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      // An idle worker must not keep the process alive; a busy one must.
      if (this.pending.size === 0) worker.unref();
      waiting?.resolve(reply);
      if (this.pending.size === 0 && this.recycleWhenIdle) void this.recycle();
    });
    // A recycled worker's end is not a failure: only the current worker's is.
    worker.on('error', (error) => {
      if (this.worker === worker)
        this.fail(new WorkerGoneError(`semantic worker crashed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (this.worker === worker)
        this.fail(new WorkerGoneError(`semantic worker exited (code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private fail(error: WorkerGoneError): void {
    this.gone ??= error;
    this.worker = null;
    for (const waiting of this.pending.values()) waiting.reject(this.gone);
    this.pending.clear();
  }
}
