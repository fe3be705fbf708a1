import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import { readsMayLag } from '../../db/read-routing.ts';
import type { Logger } from '../../logger.ts';
import { ExactIndex, HNSW_THRESHOLD, HnswIndex, type VectorIndex } from '../vector/vector-index.ts';
import { yieldToEventLoop } from '../embed/sparse.ts';
import {
  seqsBetween,
  toVector,
  vectorExtent,
  vectorsAfter,
  vectorsOf,
} from './embedding.repository.ts';
import {
  indexFileFor,
  installIndexFile,
  stagedIndexFile,
  verifiedHighWater,
} from './index-file.ts';

/**
 * The in-process index of one model's vectors, kept in step with the store: loaded from the
 * saved HNSW file when there is one (then topped up from its high-water mark), rebuilt from the
 * stored vectors when missing or damaged.
 */
export class ModelIndex {
  index: VectorIndex;
  /** Highest embeddings.seq already in the index. */
  highWater = 0;
  private catching: Promise<number> = Promise.resolve(0);
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** Catch-ups look below the high-water mark for late commits (see addLateCommits). */
  private lookBack = false;
  /** Vectors were added since the index was loaded from its file or last saved. */
  private unsaved = false;

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
    options: { view?: boolean } = {},
  ): Promise<ModelIndex> {
    const file = dataDir ? indexFileFor(dataDir, modelId) : null;
    const model = new ModelIndex(db, modelId, dims, file, logger);
    if (file && fs.existsSync(file)) {
      try {
        // A one-off reader trusts a file still as recorded; a serving process hashes it.
        const highWater = await verifiedHighWater(file, { trustUnchanged: options.view === true });
        model.index = HnswIndex.load(file, dims, options.view);
        model.highWater = highWater;
      } catch (error) {
        logger.warn({ err: error, file }, 'saved vector index is damaged; rebuilding it');
        model.index = new ExactIndex(dims);
        model.highWater = 0;
      }
    }
    await model.catchUp();
    // Mending a file (counting every stored vector first) is a serving process's work: a
    // one-off search over a file missing a few vectors finds those papers by keyword only.
    if (!options.view) await model.repair();
    // From now on rows can commit below the high-water mark (the repair covered those before).
    model.lookBack = db.dialect === 'postgres';
    return model;
  }

  /** Adds every vector stored since the high-water mark (other instances' too); returns how many. */
  catchUp(): Promise<number> {
    return this.serially(() => this.catchUpNow());
  }

  /**
   * A saved file can miss vectors stored below its high-water mark (another instance stored
   * some while it was built, or an interrupted build resumed): those are added from the store.
   */
  private async repair(): Promise<void> {
    const { count } = await vectorExtent(this.db, this.modelId);
    if (this.index.size() >= count) return;
    this.logger.warn(
      { model: this.modelId, indexed: this.index.size(), stored: count },
      'vector index misses stored vectors; adding them',
    );
    await this.serially(async () => {
      let after = 0;
      for (;;) {
        const page = await vectorsAfter(this.db, this.modelId, after, 5000);
        if (page.length === 0) break;
        const missing = page.filter((row) => !this.index.has(row.pid));
        const vectors = new Float32Array(missing.length * this.dims);
        missing.forEach((row, i) => vectors.set(toVector(row.vector), i * this.dims));
        if (missing.length > 0)
          await this.add(
            missing.map((r) => r.pid),
            vectors,
          );
        after = page[page.length - 1]!.seq;
        await yieldToEventLoop();
      }
      return 0;
    });
    await this.save();
  }

  /** One catch-up or switch at a time: concurrent ones would read and add the same page twice. */
  private serially(task: () => Promise<number>): Promise<number> {
    const run = this.catching.then(task);
    this.catching = run.catch(() => 0);
    return run;
  }

  private async catchUpNow(): Promise<number> {
    let added = this.lookBack ? await this.addLateCommits() : 0;
    for (;;) {
      // Loading vectors tolerates a replica's lag (FOLIO_DATABASE_READ_URL): what it has not
      // received yet comes with the next catch-up. The repair's count stays on the primary.
      const page = await readsMayLag(() =>
        vectorsAfter(this.db, this.modelId, this.highWater, 5000),
      );
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
   * PostgreSQL hands out seqs as rows are written but shows them as transactions commit, so a
   * catch-up can read seq 1200 while 1100 (another writer's, another instance's) is still
   * uncommitted; once committed it lies below the high-water mark. The seqs just below it are
   * looked over again for papers the index lacks. (SQLite writers take turns: no such gaps.)
   */
  private async addLateCommits(): Promise<number> {
    const recent = await readsMayLag(() =>
      seqsBetween(
        this.db,
        this.modelId,
        Math.max(0, this.highWater - LATE_COMMIT_WINDOW),
        this.highWater,
      ),
    );
    const missing = recent.filter((r) => !this.index.has(r.pid)).map((r) => r.pid);
    if (missing.length === 0) return 0;
    const rows = await readsMayLag(() => vectorsOf(this.db, this.modelId, missing));
    const vectors = new Float32Array(rows.length * this.dims);
    rows.forEach((row, i) => vectors.set(toVector(row.vector), i * this.dims));
    await this.add(
      rows.map((r) => r.pid),
      vectors,
    );
    return rows.length;
  }

  /**
   * Adds vectors; past the threshold the exact index turns into HNSW. HNSW insertion is
   * synchronous native work, so it goes in slices with the event loop running between them.
   */
  async add(pids: number[], vectors: Float32Array): Promise<void> {
    // A mapped index cannot change: read the file into memory first (vectors stored since it
    // was saved reach a one-off process this way).
    if (this.index instanceof HnswIndex && this.index.viewed && this.file)
      this.index = HnswIndex.load(this.file, this.dims);
    this.unsaved = true;
    if (this.index.kind === 'exact') this.index.add(pids, vectors);
    else await addInSlices(this.index, pids, vectors, this.dims);
    if (this.index.kind === 'exact' && this.index.size() > HNSW_THRESHOLD) await this.promote();
  }

  /**
   * Saves within a while: writing the whole HNSW file blocks this thread, so a stream of small
   * additions is written once, not per batch. A file older than the store is only topped up.
   */
  saveSoon(): void {
    if (this.saveTimer || !this.file) return;
    this.saveTimer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  /** Writes the HNSW index and its record (one save at a time); the exact index is not saved. */
  save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const run = this.saving.then(async () => {
      const file = this.file;
      // Rewriting an unchanged index (hundreds of MB at a million papers) would only cost time.
      if (!file || this.index.kind !== 'hnsw' || !this.unsaved) return;
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        const highWater = this.highWater;
        const staged = stagedIndexFile(file);
        // Cleared with the (synchronous) write: vectors added while it is installed are above
        // its high-water mark and make the index unsaved again.
        this.unsaved = false;
        this.index.save(staged);
        await installIndexFile(staged, file, highWater);
      } catch (error) {
        this.unsaved = true;
        this.logger.warn({ err: error }, 'could not save the vector index');
      }
    });
    this.saving = run;
    return run;
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

/** How far below the high-water mark a catch-up looks for late commits (more than writers hold open). */
const LATE_COMMIT_WINDOW = 10_000;

/** How long additions may wait before the index file is written. */
const SAVE_DELAY_MS = 30_000;

/** Vectors per synchronous HNSW insertion call. */
const HNSW_SLICE = 32;

/** Insertion time after which the event loop gets a turn (requests wait at most about this). */
const HNSW_BUDGET_MS = 15;

/**
 * Adds vectors to an HNSW index in small calls, letting the event loop run whenever about
 * HNSW_BUDGET_MS of insertion has passed: an insertion into a million-paper graph costs around
 * a millisecond, so a fixed slice would block requests longer the larger the index grows.
 */
async function addInSlices(
  index: VectorIndex,
  keys: number[],
  vectors: Float32Array,
  dims: number,
): Promise<void> {
  let started = performance.now();
  for (let i = 0; i < keys.length; i += HNSW_SLICE) {
    const end = Math.min(keys.length, i + HNSW_SLICE);
    index.add(keys.slice(i, end), vectors.subarray(i * dims, end * dims));
    if (end < keys.length && performance.now() - started > HNSW_BUDGET_MS) {
      await yieldToEventLoop();
      started = performance.now();
    }
  }
}
