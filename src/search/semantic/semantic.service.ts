import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { isPassingFault } from '../../db/store-faults.ts';
import type { Clock } from '../../domain/clock.ts';
import type { Paper } from '../../domain/paper.ts';
import type { Logger } from '../../logger.ts';
import { BUILTIN_KIND, BuiltinEmbedder } from '../embed/builtin-embedder.ts';
import type { Embedder } from '../embed/embedder.ts';
import { OPENAI_KIND, OpenAiEmbedder } from '../embed/openai-embedder.ts';
import type { SearchFilters } from '../keyword/keyword.types.ts';
import type { SemanticStatus } from '../search.types.ts';
import { SemanticWorker, WorkerGoneError } from '../worker/semantic-worker.ts';
import { trainBuiltinModel } from './builtin-training.ts';
import { embedderFor } from './stored-embedder.ts';
import {
  activateModel,
  countWithoutVector,
  findActiveModel,
  findVector,
  pidsOf,
  saveModel,
  updateModelParams,
  type ModelRecord,
} from './embedding.repository.ts';
import { loadActiveModel } from './model-file.ts';
import { calibrateFloor } from './similarity-floor.ts';
import type { ScoredPaper, SemanticEngine } from './semantic-engine.ts';
import { ModelIndex } from './vector-store-index.ts';
import { embedIntoWorkerIndex } from './worker-built-index.ts';
import { NO_FILTERS, nearestPapers } from './nearest-papers.ts';
import { VectorWriter, type IndexedModel } from './vector-writer.ts';
import { HNSW_THRESHOLD } from '../vector/vector-index.ts';

export interface SemanticOptions {
  db: Db;
  config: Pick<Config, 'dataDir' | 'embeddings'>;
  logger: Logger;
  clock: Clock;
  /** Fewer papers than this and the built-in model waits for more before training. */
  minPapers?: number;
  /** Quiet time after a write before training, so a bulk import trains once, on all of it. */
  settleMs?: number;
  /** How often to pick up vectors other instances stored (PostgreSQL). */
  pollMs?: number;
  /** Papers the built-in model trains on at most (the newest). */
  maxTrainPapers?: number;
  /** Heap limit of the worker thread that trains and embeds (default: Node's; at least 8 MB). */
  workerHeapMb?: number;
  /** A new built-in model with more papers than this to embed gets its HNSW index built in the worker. */
  workerIndexAbove?: number;
  /** How soon work that met a database outage is tried again (default 5 s). */
  storeRetryMs?: number;
}

/** Semantic search: embeds papers as they arrive, keeps the index in step, trains the built-in model. */
export class SemanticService implements SemanticEngine {
  private active: IndexedModel | null = null;
  /** The active model's similarity floor (stored with the model; measured when missing). */
  private floor = 0;
  private state: SemanticStatus['semantic'] = 'off';
  private error: string | null = null;
  private pending = 0;
  private work: Promise<void> = Promise.resolve();
  private settleTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** The worker crashed: semantic search stays off until restart (keyword search is unaffected). */
  private crashed = false;
  /** Training and bulk embedding run here, off the event loop. */
  private readonly worker: SemanticWorker;
  private readonly writer: VectorWriter;

  constructor(private readonly options: SemanticOptions) {
    this.worker = new SemanticWorker({ maxHeapMb: options.workerHeapMb });
    this.writer = new VectorWriter({ db: options.db, clock: options.clock, worker: this.worker });
  }

  ready(): boolean {
    return this.active !== null && this.active.index.index.size() > 0;
  }

  status(): SemanticStatus {
    return {
      semantic:
        this.ready() && this.state !== 'failed'
          ? this.state === 'off'
            ? 'ready'
            : this.state
          : this.state,
      model: this.active
        ? {
            id: this.active.embedder.modelId,
            kind: this.active.embedder.kind,
            dims: this.active.embedder.dims,
            similarityFloor: this.floor,
          }
        : null,
      indexed: this.active?.index.index.size() ?? 0,
      index: this.active ? this.active.index.index.kind : 'none',
      pending: this.pending,
      error: this.error,
    };
  }

  start(): void {
    void this.enqueue(() => this.bringUp());
    if (this.options.db.dialect === 'postgres') {
      this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs ?? 15_000);
      this.pollTimer.unref();
    }
  }

  /** Loads the active model and its index without training or embedding anything (CLI search). */
  async open(): Promise<void> {
    await this.enqueue(async () => {
      const stored = await loadActiveModel(this.options.db, this.options.config.dataDir);
      const embedder = stored ? this.embedderFor(stored) : null;
      // Only searched here: the saved index is mapped rather than read (see HnswIndex.load).
      if (stored && embedder)
        await this.use(stored, { embedder, index: await this.openIndex(embedder, true) });
    });
  }

  /** Makes a loaded model the active one, with its similarity floor (measured once, then stored). */
  private async use(stored: ModelRecord | null, model: IndexedModel): Promise<void> {
    const known = stored?.params.similarityFloor;
    let floor = typeof known === 'number' && Number.isFinite(known) ? known : null;
    if (floor === null && model.index.index.size() > 0) {
      floor = await calibrateFloor(model.embedder, model.index.index);
      await updateModelParams(this.options.db, model.embedder.modelId, { similarityFloor: floor });
      this.options.logger.info(
        { model: model.embedder.modelId, similarityFloor: floor },
        'measured the semantic similarity floor',
      );
    }
    this.floor = floor ?? 0;
    this.active = model;
  }

  /** Waits for background work queued so far (tests, CLI). */
  async idle(): Promise<void> {
    let current: Promise<void>;
    do {
      current = this.work;
      await current;
    } while (current !== this.work);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    // Ends training or embedding in progress; the queued task sees the worker gone and stops.
    await this.worker.close();
    await this.work.catch(() => undefined);
    await this.active?.index.save();
  }

  async onPapersStored(papers: Paper[]): Promise<void> {
    if (this.closed || this.crashed || papers.length === 0) return;
    if (!this.active) {
      // No model yet: train once writes settle (a bulk import arrives in many batches).
      this.scheduleSettled();
      return;
    }
    const pids = await pidsOf(
      this.options.db,
      papers.map((p) => p.id),
    );
    const list = papers.filter((p) => pids.has(p.id));
    try {
      await this.writer.write(
        this.active,
        list.map((p) => pids.get(p.id)!),
        list,
      );
    } catch (error) {
      if (!(error instanceof WorkerGoneError)) throw error;
      this.failed(error);
    }
  }

  async search(text: string, k: number, filters: SearchFilters): Promise<ScoredPaper[]> {
    const active = this.active;
    if (!active) return [];
    const query = await active.embedder.embedQuery(text.slice(0, 2000));
    // A query no closer to any paper than the floor (made-up words, a topic the store lacks)
    // has no semantic neighbours: nothing is read for it.
    return nearestPapers(this.options.db, active.index.index, query, k, filters, {
      floor: this.floor,
    });
  }

  async nearest(text: string, k: number): Promise<{ pid: number; score: number }[]> {
    const active = this.active;
    if (!active) return [];
    const query = await active.embedder.embedQuery(text.slice(0, 2000));
    const floor = this.floor;
    return active.index.index
      .search(query, k)
      .filter((f) => f.score > floor)
      .map((f) => ({ pid: f.key, score: f.score }));
  }

  async similar(paperId: string, k: number): Promise<Paper[]> {
    const active = this.active;
    if (!active) return [];
    const pid = (await pidsOf(this.options.db, [paperId])).get(paperId);
    if (pid === undefined) return [];
    const vector = await findVector(this.options.db, active.embedder.modelId, pid);
    if (!vector) return [];
    const found = await nearestPapers(this.options.db, active.index.index, vector, k, NO_FILTERS, {
      exclude: new Set([pid]),
    });
    return found.map((s) => s.paper);
  }

  /** Trains a new built-in model on the store now and switches to it once every paper has a vector. */
  async retrain(): Promise<string> {
    let id = '';
    await this.enqueue(async () => {
      const trained = await this.trainBuiltin();
      if (!trained) throw new Error('too few papers in the store to train the built-in model');
      id = trained.modelId;
      await this.switchTo(trained);
    });
    return id;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(async () => {
      if (this.closed || this.crashed) return;
      try {
        await task();
      } catch (error) {
        if (this.closed) return;
        this.failed(error);
      }
    });
    this.work = run;
    return run;
  }

  /**
   * Background work failed: logged; a crashed worker turns semantic search off. Work that met a
   * database outage (a restart, a failover) is brought up again shortly instead: loading the
   * model and embedding what has no vector pick up where the store left them.
   */
  private failed(error: unknown): void {
    if (isPassingFault(error)) {
      this.options.logger.warn(
        { err: error },
        'semantic search work met a database outage; trying again shortly',
      );
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        void this.enqueue(() => this.bringUp());
      }, this.options.storeRetryMs ?? 5000);
      this.retryTimer.unref();
      return;
    }
    this.state = 'failed';
    this.error = error instanceof Error ? error.message : String(error);
    if (error instanceof WorkerGoneError) {
      if (this.closed) return;
      this.crashed = true;
      this.active = null;
      this.options.logger.error({ err: error }, 'semantic worker crashed; semantic search is off');
      return;
    }
    this.options.logger.error({ err: error }, 'semantic search background work failed');
  }

  private scheduleSettled(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      void this.enqueue(() => this.bringUp());
    }, this.options.settleMs ?? 3000);
    this.settleTimer.unref();
  }

  /** Loads the active model, or makes the configured one, then embeds what has no vector. */
  private async bringUp(): Promise<void> {
    const { db, logger } = this.options;
    if (!this.active) {
      const stored = await loadActiveModel(db, this.options.config.dataDir);
      if (stored) {
        const embedder = this.embedderFor(stored);
        if (embedder) await this.use(stored, { embedder, index: await this.openIndex(embedder) });
      }
    }
    const wanted = this.options.config.embeddings;
    const activeKind = this.active?.embedder.kind;
    const wantedKind = wanted.embedder === 'openai' ? OPENAI_KIND : BUILTIN_KIND;
    const wantedId = wanted.embedder === 'openai' ? `openai:${wanted.model}` : null;
    if (
      this.active &&
      activeKind === wantedKind &&
      (!wantedId || wantedId === this.active.embedder.modelId)
    ) {
      await this.embedMissing(this.active);
      this.state = 'ready';
      return;
    }
    // The configured model differs from the active one (or there is none): build it in the
    // background while queries keep using the active model's vectors.
    let next: Embedder;
    if (wanted.embedder === 'openai') {
      next = new OpenAiEmbedder({ url: wanted.url!, model: wanted.model!, apiKey: wanted.apiKey });
    } else {
      const trained = await this.trainBuiltin();
      if (!trained) return;
      next = trained;
    }
    logger.info({ model: next.modelId }, 'embedding papers for semantic search');
    await this.switchTo(next);
  }

  /** Embeds every paper with `next`, then makes it the active model. */
  private async switchTo(next: Embedder): Promise<void> {
    const { db, clock } = this.options;
    this.state = 'embedding';
    if (next.kind === OPENAI_KIND) {
      await next.embedQuery('dimensions');
      await saveModel(
        db,
        {
          id: next.modelId,
          kind: next.kind,
          dims: next.dims,
          params: (next as OpenAiEmbedder).params,
          data: null,
          status: 'building',
        },
        clock.now().toISOString(),
      );
    }
    if (!(await this.embedInWorker(next))) return;
    const index = await this.openIndex(next);
    await this.embedMissing({ embedder: next, index });
    // Closed part-way: the model stays 'building'. The next start trains again (the same model
    // when the papers are the same) and embeds only the papers still without a vector.
    if (this.closed) return;
    await activateModel(db, next.modelId, clock.now().toISOString());
    await this.use(null, { embedder: next, index });
    await index.save();
    this.state = 'ready';
    this.options.logger.info(
      { model: next.modelId, vectors: index.index.size() },
      'semantic search is ready',
    );
  }

  /** Trains the built-in model on the store, or says it is off while there are too few papers. */
  private async trainBuiltin(): Promise<BuiltinEmbedder | null> {
    const { db } = this.options;
    const limit = this.options.maxTrainPapers ?? 200_000;
    const count = await db.kysely
      .selectFrom('papers')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Math.min(Number(count.n), limit) < (this.options.minPapers ?? 50)) {
      this.state = 'off';
      return null;
    }
    this.state = 'training';
    return trainBuiltinModel({ ...this.options, worker: this.worker }, limit);
  }

  private embedderFor(model: ModelRecord): Embedder | null {
    return embedderFor(model, this.options.config.embeddings);
  }

  /**
   * A new built-in model with many papers to embed has them embedded in the worker, which builds
   * the HNSW index file as it goes (opening the model's index then loads that file). Until the
   * switch the active model keeps answering. Returns false when closed part-way.
   */
  private async embedInWorker(next: Embedder): Promise<boolean> {
    const { db, config, clock } = this.options;
    if (!(next instanceof BuiltinEmbedder)) return true;
    this.pending = await countWithoutVector(db, next.modelId);
    if (this.pending <= (this.options.workerIndexAbove ?? HNSW_THRESHOLD)) return true;
    return embedIntoWorkerIndex({
      db,
      worker: this.worker,
      embedder: next,
      dataDir: config.dataDir,
      now: () => clock.now().toISOString(),
      closed: () => this.closed,
      embedded: (n) => (this.pending = Math.max(0, this.pending - n)),
    });
  }

  private openIndex(embedder: Embedder, view = false): Promise<ModelIndex> {
    const { db, config, logger } = this.options;
    return ModelIndex.open(db, embedder.modelId, embedder.dims, config.dataDir, logger, { view });
  }

  /** Embeds every paper without a vector of the target's model. */
  private embedMissing(target: IndexedModel): Promise<void> {
    return this.writer.writeMissing(target, {
      closed: () => this.closed,
      pending: (n) => (this.pending = n),
    });
  }

  private async poll(): Promise<void> {
    if (this.closed || !this.active) return;
    try {
      const stored = await findActiveModel(this.options.db);
      if (stored && stored.id !== this.active.embedder.modelId) {
        // Another instance switched models: follow it.
        const embedder = this.embedderFor(stored);
        if (embedder) await this.use(stored, { embedder, index: await this.openIndex(embedder) });
        return;
      }
      await this.active.index.catchUp();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'polling for new vectors failed');
    }
  }
}
