import zlib from 'node:zlib';
import type { ListRuns } from './posting-cursor.ts';

/**
 * Posting lists of the BM25 index, compact: per term the doc slots in increasing order as
 * delta gaps, each posting one varint of (gap × 2 + [tf ≠ 1]) followed by a tf byte only when
 * tf ≠ 1 (most are 1), so a posting of a common term takes one byte. A list is a frozen part of
 * exactly its size plus a small growable tail that new postings go to; the tail is merged into
 * the frozen part once it reaches an eighth of it (so merging copies each byte a bounded number
 * of times). During a bulk load lists have no frozen part and tails grow by doubling; `freeze`
 * then leaves every list exactly sized, with no spare capacity at all.
 */

const EMPTY = new Uint8Array(0);

/**
 * Every list's encoded bytes one after the other, as saved in a snapshot (bm25-snapshot.ts): a
 * restored index reads a list's bytes only when a query first needs them.
 */
export interface ListsSource {
  /** Where each list starts in the run (one more entry: the end of the last). */
  starts: Int32Array;
  /** Postings per list. */
  counts: Int32Array;
  /** Each list's last slot (−1 when empty). */
  lastSlot: Int32Array;
  /** Bytes [start, end) of the run. */
  read(start: number, end: number): Uint8Array;
  /** Per list, the CRC-32 its bytes must have. */
  checksums?: Uint32Array;
  /** Lets go of what the run is read from (an open file). */
  close?(): void;
}

/** Largest bytes one posting takes: a 5-byte varint (slots below 2^31) and a tf byte. */
const MAX_POSTING_BYTES = 6;

/** Tail capacity a fresh list starts with. */
const FIRST_TAIL = 8;

export class PostingLists {
  /** Per list its frozen bytes; a restored list's stay in `source` until first used. */
  private frozen: (Uint8Array | undefined)[] = [];
  private source: ListsSource | null = null;
  private tail: Uint8Array[] = [];
  /** Slot the tail's first gap counts from: the frozen part's last slot (−1 when empty). */
  private tailBase = new Int32Array(1024);
  private tailUsed = new Int32Array(1024);
  private lastSlot = new Int32Array(1024);
  private counts = new Int32Array(1024);

  /** Lists held. */
  size(): number {
    return this.frozen.length;
  }

  /** Starts an empty list; returns its id. */
  newList(): number {
    const id = this.frozen.length;
    this.frozen.push(EMPTY);
    this.tail.push(EMPTY);
    if (id === this.counts.length) {
      const cap = id * 2;
      this.tailBase = grow(this.tailBase, cap);
      this.tailUsed = grow(this.tailUsed, cap);
      this.lastSlot = grow(this.lastSlot, cap);
      this.counts = grow(this.counts, cap);
    }
    this.tailBase[id] = -1;
    this.tailUsed[id] = 0;
    this.lastSlot[id] = -1;
    this.counts[id] = 0;
    return id;
  }

  /** Postings in list `id`. */
  length(id: number): number {
    return this.counts[id]!;
  }

  /** Appends a posting; slots must increase within a list. tf is clamped to 1–255. */
  append(id: number, slot: number, tf: number): void {
    const last = this.lastSlot[id]!;
    if (slot <= last) throw new Error(`posting slot ${slot} does not follow ${last}`);
    let buf = this.tail[id]!;
    let at = this.tailUsed[id]!;
    if (at + MAX_POSTING_BYTES > buf.length) {
      // A list with a frozen part merges its tail at an eighth of it; one without (during a
      // bulk load) grows its tail like a vector until `freeze`, so building copies little.
      const frozen = this.frozenOf(id).length;
      if (frozen > 0 && at >= frozen >> 3) {
        this.flush(id);
        at = 0;
        buf = this.tail[id]!;
      }
      if (at + MAX_POSTING_BYTES > buf.length) {
        const next = new Uint8Array(Math.max(FIRST_TAIL, buf.length * 2, at + MAX_POSTING_BYTES));
        next.set(buf.subarray(0, at));
        this.tail[id] = buf = next;
      }
    }
    at = encode(buf, at, slot - last, tf < 1 ? 1 : tf > 255 ? 255 : tf);
    this.tailUsed[id] = at;
    this.lastSlot[id] = slot;
    this.counts[id]!++;
  }

  /** Merges every tail into its frozen part and drops the tails: no spare bytes are left. */
  freeze(): void {
    for (let id = 0; id < this.frozen.length; id++) {
      if (this.tailUsed[id]! > 0) this.flush(id);
      this.tail[id] = EMPTY;
    }
  }

  /** Keeps only the postings whose slot passes `keep`; the list is left frozen, exactly sized. */
  retain(id: number, keep: (slot: number) => boolean): void {
    let n = 0;
    let bytes = 0;
    let last = -1;
    const slots = scratchSlots(this.counts[id]!);
    const tfs = scratchTfs(this.counts[id]!);
    this.forEach(id, (slot, tf) => {
      if (!keep(slot)) return;
      slots[n] = slot;
      tfs[n++] = tf;
      bytes += postingBytes(slot - last, tf);
      last = slot;
    });
    const out = new Uint8Array(bytes);
    let at = 0;
    last = -1;
    for (let i = 0; i < n; i++) {
      at = encode(out, at, slots[i]! - last, tfs[i]!);
      last = slots[i]!;
    }
    this.frozen[id] = n > 0 ? out : EMPTY;
    this.tail[id] = EMPTY;
    this.tailBase[id] = last;
    this.tailUsed[id] = 0;
    this.lastSlot[id] = last;
    this.counts[id] = n;
  }

  /** Calls `fn` with each posting of list `id`, in slot order (for maintenance and tests). */
  forEach(id: number, fn: (slot: number, tf: number) => void): void {
    const frozen = this.frozenOf(id);
    walk(frozen, frozen.length, -1, fn);
    walk(this.tail[id]!, this.tailUsed[id]!, this.tailBase[id]!, fn);
  }

  /** The encoded runs of list `id`: frozen bytes (from slot −1), then tail bytes up to tailEnd. */
  runs(id: number): ListRuns {
    return {
      frozen: this.frozenOf(id),
      tail: this.tail[id]!,
      tailEnd: this.tailUsed[id]!,
      tailBase: this.tailBase[id]!,
    };
  }

  /** Bytes held: encoded postings, spare tail capacity, and per-list bookkeeping. */
  bytes(): { postings: number; spare: number; lists: number } {
    let postings = 0;
    let spare = 0;
    this.readAll();
    for (let id = 0; id < this.frozen.length; id++) {
      postings += this.frozenOf(id).length + this.tailUsed[id]!;
      spare += this.tail[id]!.length - this.tailUsed[id]!;
    }
    return { postings, spare, lists: this.counts.length * 16 };
  }

  /** Every list as saved: its bytes (frozen then tail), counts and last slots. */
  exportLists(): ListsSource {
    this.readAll();
    const n = this.frozen.length;
    const starts = new Int32Array(n + 1);
    for (let id = 0; id < n; id++)
      starts[id + 1] = starts[id]! + this.frozenOf(id).length + this.tailUsed[id]!;
    const run = new Uint8Array(starts[n]!);
    for (let id = 0; id < n; id++) {
      const frozen = this.frozenOf(id);
      run.set(frozen, starts[id]!);
      // A tail's first gap counts from the frozen part's last slot: the bytes simply follow.
      run.set(this.tail[id]!.subarray(0, this.tailUsed[id]!), starts[id]! + frozen.length);
    }
    return {
      starts,
      counts: this.counts.slice(0, n),
      lastSlot: this.lastSlot.slice(0, n),
      read: (a, b) => run.subarray(a, b),
    };
  }

  /** Lists restored from a saved run; each is read from it when first used. */
  static restore(source: ListsSource): PostingLists {
    const n = source.counts.length;
    if (source.starts.length !== n + 1 || source.lastSlot.length !== n || source.starts[0] !== 0)
      throw new Error('inconsistent posting lists');
    for (let id = 0; id < n; id++)
      if (source.starts[id + 1]! < source.starts[id]! || source.counts[id]! < 0)
        throw new Error('inconsistent posting lists');
    const lists = new PostingLists();
    const cap = Math.max(1024, n);
    // Filled at once: V8 keeps these fast (holey) arrays, where one left with holes past a size
    // becomes a slow dictionary and a push per list costs ten times as much.
    lists.frozen = new Array<Uint8Array | undefined>(n).fill(undefined);
    lists.tail = new Array<Uint8Array>(n).fill(EMPTY);
    lists.tailBase = grow(source.lastSlot, cap);
    lists.tailUsed = new Int32Array(cap);
    lists.lastSlot = grow(source.lastSlot, cap);
    lists.counts = grow(source.counts, cap);
    lists.source = source;
    return lists;
  }

  /** Lets go of the run restored lists are read from; lists not read by then read as empty. */
  release(): void {
    this.source?.close?.();
    this.source = null;
  }

  /** A list's frozen bytes, read from the restored run on first use (and checked). */
  private frozenOf(id: number): Uint8Array {
    const known = this.frozen[id];
    if (known) return known;
    const source = this.source;
    const bytes = source ? source.read(source.starts[id]!, source.starts[id + 1]!) : EMPTY;
    const sum = source?.checksums?.[id];
    if (sum !== undefined && zlib.crc32(bytes) !== sum)
      throw new Error('the postings of a term are damaged');
    this.frozen[id] = bytes;
    return bytes;
  }

  /** Reads every restored list not read yet, in one read of the run (before a walk of all). */
  readAll(): void {
    const source = this.source;
    if (!source) return;
    // Lists added since the restore are not in the run.
    const n = source.counts.length;
    const run = source.read(0, source.starts[n]!);
    source.close?.();
    this.source = { ...source, read: (a, b) => run.subarray(a, b), close: () => undefined };
    for (let id = 0; id < n; id++) this.frozenOf(id);
    this.source = null;
  }

  private flush(id: number): void {
    const used = this.tailUsed[id]!;
    const old = this.frozenOf(id);
    const merged = new Uint8Array(old.length + used);
    merged.set(old);
    merged.set(this.tail[id]!.subarray(0, used), old.length);
    this.frozen[id] = merged;
    this.tailUsed[id] = 0;
    this.tailBase[id] = this.lastSlot[id]!;
  }
}

/** Writes one posting at `at`; returns the end. */
function encode(buf: Uint8Array, at: number, gap: number, tf: number): number {
  let v = gap * 2 + (tf === 1 ? 0 : 1);
  while (v >= 128) {
    buf[at++] = (v & 127) | 128;
    v = Math.floor(v / 128);
  }
  buf[at++] = v;
  if (tf !== 1) buf[at++] = tf;
  return at;
}

function postingBytes(gap: number, tf: number): number {
  let v = gap * 2 + 1;
  let n = 1;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return tf === 1 ? n : n + 1;
}

let slotScratch = new Int32Array(1024);
let tfScratch = new Uint8Array(1024);

function scratchSlots(n: number): Int32Array {
  if (slotScratch.length < n) slotScratch = new Int32Array(n);
  return slotScratch;
}

function scratchTfs(n: number): Uint8Array {
  if (tfScratch.length < n) tfScratch = new Uint8Array(n);
  return tfScratch;
}

/** Decodes `buf[0..end)` from slot `base`, calling `fn` per posting. */
function walk(
  buf: Uint8Array,
  end: number,
  base: number,
  fn: (slot: number, tf: number) => void,
): void {
  let p = 0;
  let d = base;
  while (p < end) {
    let b = buf[p++]!;
    let v = b & 127;
    let scale = 128;
    while (b & 128) {
      b = buf[p++]!;
      v += (b & 127) * scale;
      scale *= 128;
    }
    d += Math.floor(v / 2);
    fn(d, v & 1 ? buf[p++]! : 1);
  }
}

function grow(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(cap);
  next.set(a);
  return next;
}
