import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.ts';
import type { Logger } from '../../logger.ts';
import { ExactIndex, HNSW_THRESHOLD, HnswIndex, type VectorIndex } from '../vector/vector-index.ts';
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
  ): Promise<ModelIndex> {
    const safe = modelId.replace(/[^\w.-]+/g, '_');
    const file = dataDir ? path.join(dataDir, 'search-index', `${safe}.usearch`) : null;
    const model = new ModelIndex(db, modelId, dims, file, logger);
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

  /** Adds every vector stored since the high-water mark (other instances' too); returns how many. */
  async catchUp(): Promise<number> {
    let added = 0;
    for (;;) {
      const page = await vectorsAfter(this.db, this.modelId, this.highWater, 5000);
      if (page.length === 0) break;
      const vectors = new Float32Array(page.length * this.dims);
      page.forEach((row, i) => vectors.set(toVector(row.vector), i * this.dims));
      this.add(
        page.map((r) => r.pid),
        vectors,
      );
      this.highWater = page[page.length - 1]!.seq;
      added += page.length;
    }
    if (added > 0 && this.index.kind === 'hnsw') this.save();
    return added;
  }

  /** Adds vectors; past the threshold the exact index turns into HNSW. */
  add(pids: number[], vectors: Float32Array): void {
    this.index.add(pids, vectors);
    if (this.index.kind === 'exact' && this.index.size() > HNSW_THRESHOLD) this.promote();
  }

  save(): void {
    if (!this.file || this.index.kind !== 'hnsw') return;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      this.index.save(this.file);
      fs.writeFileSync(`${this.file}.json`, JSON.stringify({ highWater: this.highWater }));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not save the vector index');
    }
  }

  private promote(): void {
    const exact = this.index as ExactIndex;
    const hnsw = new HnswIndex(this.dims);
    const { keys, vectors } = exact.contents();
    hnsw.add(keys, vectors);
    this.index = hnsw;
  }
}
