import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import { ExactIndex, HNSW_THRESHOLD, HnswIndex, type VectorIndex } from '../vector/vector-index.ts';
import { yieldToEventLoop } from '../embed/sparse.ts';
import { toVector, vectorsAfter } from './embedding.repository.ts';

/**
 * The in-process index of one model's vectors, kept in step with the store: loaded from the
 * saved HNSW file when there is one (then topped up from its high-water mark), rebuilt from the
 * stored vectors when missing or damaged.
 */
export class ModelIndex {
  index: VectorIndex;
  /** Highest embeddings.seq already in the index. */
  highWater = 0;
  /** While set, the exact index is not turned into HNSW: one is being built in the worker. */
  holdExact = false;
  private catching: Promise<number> = Promise.resolve(0);
  private saveTimer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly db: Db,
    readonly modelId: string,
    readonly dims: number,
    private readonly file: string | null,
    private readonly logger: Logger,
  ) {
    this.index = new ExactIndex(dims);
  }

  /** Opens the index of a model, loading what the store holds. */
  static async open(
    db: Db,
    modelId: string,
    dims: number,
    dataDir: string | null,
    logger: Logger,
    options: { holdExact?: boolean } = {},
  ): Promise<ModelIndex> {
    const file = dataDir ? ModelIndex.fileFor(dataDir, modelId) : null;
    const model = new ModelIndex(db, modelId, dims, file, logger);
    model.holdExact = options.holdExact ?? false;
    if (file && fs.existsSync(file)) {
      try {
        const meta = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { highWater: number };
        model.index = HnswIndex.load(file, dims);
        model.highWater = meta.highWater;
      } catch (error) {
        logger.warn({ err: error, file }, 'saved vector index is damaged; rebuilding it');
        model.index = new ExactIndex(dims);
        model.highWater = 0;
      }
    }
    await model.catchUp();
    return model;
  }

  /** Where a model's HNSW index is saved. */
  static fileFor(dataDir: string, modelId: string): string {
    const safe = modelId.replace(/[^\w.-]+/g, '_');
    return path.join(dataDir, 'search-index', `${safe}.usearch`);
  }

  /** Records that a saved index file holds every vector through sequence number `highWater`. */
  static writeMeta(file: string, highWater: number): void {
    fs.writeFileSync(`${file}.json`, JSON.stringify({ highWater }));
  }

  /** Forgets a saved index file (it no longer matches the store). */
  static removeFile(file: string): void {
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.json`, { force: true });
  }

  /** Adds every vector stored since the high-water mark (other instances' too); returns how many. */
  catchUp(): Promise<number> {
    return this.serially(() => this.catchUpNow());
  }

  /**
   * Switches to an HNSW index saved by the worker (holding every vector through the high-water
   * mark in its `.json`), topped up with what was stored since. If it misses vectors the exact
   * index holds (another instance stored some meanwhile), the exact index is promoted instead.
   */
  adopt(file: string): Promise<number> {
    return this.serially(async () => {
      let loaded: HnswIndex | null = null;
      let high = 0;
      try {
        high = (JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { highWater: number })
          .highWater;
        loaded = HnswIndex.load(file, this.dims);
      } catch (error) {
        this.logger.warn({ err: error, file }, 'vector index built in the worker is unreadable');
      }
      for (;;) {
        if (!loaded) break;
        const page = await vectorsAfter(this.db, this.modelId, high, 5000);
        if (page.length === 0) break;
        const vectors = new Float32Array(page.length * this.dims);
        page.forEach((row, i) => vectors.set(toVector(row.vector), i * this.dims));
        await addInSlices(
          loaded,
          page.map((r) => r.pid),
          vectors,
          this.dims,
        );
        high = page[page.length - 1]!.seq;
        await yieldToEventLoop();
      }
      this.holdExact = false;
      if (loaded && loaded.size() >= this.index.size()) {
        this.index = loaded;
        this.highWater = Math.max(this.highWater, high);
      } else {
        if (loaded) this.logger.warn({ file }, 'vector index built in the worker is incomplete');
        if (this.index.kind === 'exact' && this.index.size() > HNSW_THRESHOLD) await this.promote();
        this.save();
      }
      return this.index.size();
    });
  }

  /** One catch-up or switch at a time: concurrent ones would read and add the same page twice. */
  private serially(task: () => Promise<number>): Promise<number> {
    const run = this.catching.then(task);
    this.catching = run.catch(() => 0);
    return run;
  }

  private async catchUpNow(): Promise<number> {
    let added = 0;
    for (;;) {
      const page = await vectorsAfter(this.db, this.modelId, this.highWater, 5000);
      if (page.length === 0) break;
      const vectors = new Float32Array(page.length * this.dims);
      page.forEach((row, i) => vectors.set(toVector(row.vector), i * this.dims));
      await this.add(
        page.map((r) => r.pid),
        vectors,
      );
      this.highWater = page[page.length - 1]!.seq;
      added += page.length;
      // SQLite reads complete synchronously: without this, pages would run back to back.
      await yieldToEventLoop();
    }
    if (added > 0 && this.index.kind === 'hnsw') this.saveSoon();
    return added;
  }

  /**
   * Adds vectors; past the threshold the exact index turns into HNSW. HNSW insertion is
   * synchronous native work, so it goes in slices with the event loop running between them.
   */
  async add(pids: number[], vectors: Float32Array): Promise<void> {
    if (this.index.kind === 'exact') this.index.add(pids, vectors);
    else await addInSlices(this.index, pids, vectors, this.dims);
    if (this.index.kind === 'exact' && !this.holdExact && this.index.size() > HNSW_THRESHOLD)
      await this.promote();
  }

  /**
   * Saves within a while: writing the whole HNSW file blocks this thread, so a stream of small
   * additions is written once, not per batch. A file older than the store is only topped up.
   */
  saveSoon(): void {
    if (this.saveTimer || !this.file) return;
    this.saveTimer = setTimeout(() => this.save(), SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  save(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    if (!this.file || this.index.kind !== 'hnsw') return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      this.index.save(this.file);
      ModelIndex.writeMeta(this.file, this.highWater);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not save the vector index');
    }
  }

  private async promote(): Promise<void> {
    const exact = this.index as ExactIndex;
    const hnsw = new HnswIndex(this.dims);
    const { keys, vectors } = exact.contents();
    // Queries keep using the exact index until the HNSW one holds everything.
    await addInSlices(hnsw, keys, vectors, this.dims);
    this.index = hnsw;
  }
}

/** How long additions may wait before the index file is written. */
const SAVE_DELAY_MS = 30_000;

/** Vectors per synchronous HNSW insertion between yields to the event loop. */
const HNSW_SLICE = 250;

async function addInSlices(
  index: VectorIndex,
  keys: number[],
  vectors: Float32Array,
  dims: number,
): Promise<void> {
  for (let i = 0; i < keys.length; i += HNSW_SLICE) {
    const end = Math.min(keys.length, i + HNSW_SLICE);
    index.add(keys.slice(i, end), vectors.subarray(i * dims, end * dims));
    if (end < keys.length) await yieldToEventLoop();
  }
}
