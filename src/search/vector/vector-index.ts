import fs from 'node:fs';
import usearch from 'usearch';

/** Nearest neighbours by inner product over unit vectors (cosine). Keys are paper pids. */
export interface VectorIndex {
  readonly kind: 'exact' | 'hnsw';
  readonly dims: number;
  size(): number;
  has(key: number): boolean;
  add(keys: number[], vectors: Float32Array): void;
  remove(key: number): void;
  search(
    query: Float32Array,
    k: number,
    exclude?: ReadonlySet<number>,
  ): { key: number; score: number }[];
  /** Writes the index beside the store (HNSW only; the exact index is rebuilt from the store). */
  save(file: string): void;
}

/** Past this many vectors, brute force costs more than an HNSW lookup per query. */
export const HNSW_THRESHOLD = 50_000;

/** Brute-force dot products over one growable Float32Array: exact, and fast while small. */
export class ExactIndex implements VectorIndex {
  readonly kind = 'exact';
  private data: Float32Array;
  private keys: Int32Array;
  private count = 0;
  private readonly slot = new Map<number, number>();

  constructor(
    readonly dims: number,
    capacity = 1024,
  ) {
    this.data = new Float32Array(capacity * dims);
    this.keys = new Int32Array(capacity);
  }

  size(): number {
    return this.count;
  }

  has(key: number): boolean {
    return this.slot.has(key);
  }

  add(keys: number[], vectors: Float32Array): void {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      let at = this.slot.get(key);
      if (at === undefined) {
        if (this.count === this.keys.length) this.grow();
        at = this.count++;
        this.slot.set(key, at);
        this.keys[at] = key;
      }
      this.data.set(vectors.subarray(i * this.dims, (i + 1) * this.dims), at * this.dims);
    }
  }

  remove(key: number): void {
    const at = this.slot.get(key);
    if (at === undefined) return;
    const last = --this.count;
    if (at !== last) {
      this.data.copyWithin(at * this.dims, last * this.dims, (last + 1) * this.dims);
      this.keys[at] = this.keys[last]!;
      this.slot.set(this.keys[at]!, at);
    }
    this.slot.delete(key);
  }

  search(query: Float32Array, k: number, exclude?: ReadonlySet<number>) {
    const d = this.dims;
    const n = this.count;
    const data = this.data;
    // A bounded min-heap of the k best, over typed arrays.
    const heapScore = new Float32Array(k);
    const heapAt = new Int32Array(k);
    let size = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const base = i * d;
      for (let j = 0; j < d; j++) s += data[base + j]! * query[j]!;
      if (size === k && s <= heapScore[0]!) continue;
      if (exclude?.has(this.keys[i]!)) continue;
      if (size < k) {
        heapScore[size] = s;
        heapAt[size] = i;
        siftUp(heapScore, heapAt, size++);
      } else {
        heapScore[0] = s;
        heapAt[0] = i;
        siftDown(heapScore, heapAt, size);
      }
    }
    const out: { key: number; score: number }[] = [];
    for (let i = 0; i < size; i++) {
      out.push({ key: this.keys[heapAt[i]!]!, score: heapScore[i]! });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  save(): void {}

  /** Every key and its vector (to move into another index). */
  contents(): { keys: number[]; vectors: Float32Array } {
    return {
      keys: Array.from(this.keys.subarray(0, this.count)),
      vectors: this.data.subarray(0, this.count * this.dims),
    };
  }

  private grow(): void {
    const data = new Float32Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
    const keys = new Int32Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
  }
}

function siftUp(score: Float32Array, at: Int32Array, i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (score[parent]! <= score[i]!) break;
    swap(score, at, i, parent);
    i = parent;
  }
}

function siftDown(score: Float32Array, at: Int32Array, size: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < size && score[l]! < score[m]!) m = l;
    if (r < size && score[r]! < score[m]!) m = r;
    if (m === i) return;
    swap(score, at, i, m);
    i = m;
  }
}

function swap(score: Float32Array, at: Int32Array, i: number, j: number): void {
  const s = score[i]!;
  score[i] = score[j]!;
  score[j] = s;
  const a = at[i]!;
  at[i] = at[j]!;
  at[j] = a;
}

/** usearch HNSW over inner product; approximate, logarithmic per query. */
export class HnswIndex implements VectorIndex {
  readonly kind = 'hnsw';
  /** Mapped from its file by `load(…, true)`: searchable, not changeable. */
  viewed = false;
  private readonly index: InstanceType<typeof usearch.Index>;

  constructor(readonly dims: number) {
    this.index = new usearch.Index({
      dimensions: dims,
      metric: usearch.MetricKind.IP,
      quantization: usearch.ScalarKind.F16,
      connectivity: 16,
      expansion_add: 128,
      expansion_search: 96,
      multi: false,
    });
  }

  /**
   * Loads a saved index; throws when the file is missing or damaged. `view` maps the file
   * instead of reading it (for a one-off process: nothing is copied, pages are read as searches
   * touch them), and the index can then only be searched (see `viewed`).
   */
  static load(file: string, dims: number, view = false): HnswIndex {
    const index = new HnswIndex(dims);
    if (!fs.existsSync(file)) throw new Error(`no index at ${file}`);
    if (view) {
      index.index.view(file);
      index.viewed = true;
    } else index.index.load(file);
    if (index.index.dimensions() !== dims) throw new Error('index dimensions differ');
    return index;
  }

  size(): number {
    return this.index.size();
  }

  has(key: number): boolean {
    return this.index.contains(BigInt(key)) === true;
  }

  add(keys: number[], vectors: Float32Array): void {
    const big = BigUint64Array.from(keys, (k) => BigInt(k));
    for (const key of big) if (this.index.contains(key)) this.index.remove(key);
    // Every core for more than a few vectors (a thread pool per call costs little beside them).
    this.index.add(big, vectors, keys.length >= 16 ? 0 : 1);
  }

  remove(key: number): void {
    this.index.remove(BigInt(key));
  }

  search(query: Float32Array, k: number, exclude?: ReadonlySet<number>) {
    const want = Math.min(this.size(), k + (exclude?.size ?? 0));
    if (want === 0) return [];
    const found = this.index.search(query, want, 1);
    const out: { key: number; score: number }[] = [];
    for (let i = 0; i < found.keys.length; i++) {
      const key = Number(found.keys[i]);
      // Unfilled slots come back as the largest key.
      if (found.keys[i]! >= 0xffffffffn || exclude?.has(key)) continue;
      out.push({ key, score: 1 - found.distances[i]! });
    }
    return out.slice(0, k);
  }

  save(file: string): void {
    const tmp = `${file}.tmp`;
    this.index.save(tmp);
    fs.renameSync(tmp, file);
  }
}
