/** Embedding papers and storing their vectors: one chunk, or every paper still without one. */
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../domain/clock.ts';
import { BUILTIN_KIND, BuiltinEmbedder } from '../embed/builtin-embedder.ts';
import type { Embedder } from '../embed/embedder.ts';
import { yieldToEventLoop } from '../embed/sparse.ts';
import type { SemanticWorker } from '../worker/semantic-worker.ts';
import { countWithoutVector, papersWithoutVector, saveVectors } from './embedding.repository.ts';
import type { ModelIndex } from './vector-store-index.ts';

/** Built-in batches up to this size are embedded on this thread (fast); larger go to the worker. */
const INLINE_BATCH = 300;

/** A model and the in-process index of its vectors. */
export interface IndexedModel {
  embedder: Embedder;
  index: ModelIndex;
}

type Texts = { title: string; abstract: string }[];

/** Embeds papers with a model, stores the vectors and brings the model's index up to date. */
export class VectorWriter {
  constructor(private readonly deps: { db: Db; clock: Clock; worker: SemanticWorker }) {}

  /** Embeds and stores these papers (pids and texts in the same order). */
  async write(target: IndexedModel, pids: number[], texts: Texts): Promise<void> {
    if (pids.length === 0) return;
    await this.store(target, pids, await this.embed(target.embedder, texts, false));
  }

  /**
   * Embeds every paper without a vector of the target's model, a chunk at a time, reporting the
   * papers still to do; stops early when `closed()` says so.
   */
  async writeMissing(
    target: IndexedModel,
    progress: { closed: () => boolean; pending: (count: number) => void },
  ): Promise<void> {
    const { db } = this.deps;
    const modelId = target.embedder.modelId;
    const batch = target.embedder.kind === BUILTIN_KIND ? 2000 : 256;
    let pending = await countWithoutVector(db, modelId);
    progress.pending(pending);
    let rows = await papersWithoutVector(db, modelId, batch);
    while (rows.length > 0) {
      if (progress.closed()) return;
      // The worker embeds this chunk while the next one is read from the store.
      const vectors = this.embed(target.embedder, rows, true);
      vectors.catch(() => undefined);
      const next = await papersWithoutVector(db, modelId, batch, rows[rows.length - 1]!.pid);
      await this.store(
        target,
        rows.map((r) => r.pid),
        await vectors,
      );
      pending = Math.max(0, pending - rows.length);
      progress.pending(pending);
      // Requests run between chunks.
      await yieldToEventLoop();
      rows = next;
    }
    progress.pending(0);
  }

  /** Built-in vectors come from the worker for bulk work and big batches; others embed here. */
  private embed(embedder: Embedder, texts: Texts, bulk: boolean): Promise<Float32Array> {
    if (embedder instanceof BuiltinEmbedder && (bulk || texts.length > INLINE_BATCH)) {
      return this.deps.worker.embed(embedder.modelId, () => embedder.model.toBytes(), texts);
    }
    return embedder.embedPapers(texts);
  }

  private async store(target: IndexedModel, pids: number[], vectors: Float32Array): Promise<void> {
    const { embedder, index } = target;
    await saveVectors(
      this.deps.db,
      embedder.modelId,
      pids,
      vectors,
      embedder.dims,
      this.deps.clock.now().toISOString(),
    );
    // Pull what was just stored (and anything other instances stored) through the high-water mark.
    await index.catchUp();
  }
}
