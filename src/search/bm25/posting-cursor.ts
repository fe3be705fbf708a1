/**
 * Skipping through a posting list (postings.ts) without decoding all of it: the list is cut
 * into blocks of BLOCK postings, and per block the index keeps where its bytes start, the slot
 * its first gap counts from, its last slot, and the largest tf and smallest paper length in it
 * (so a block's best possible BM25 contribution is known without reading it). Built from the
 * list's bytes when a query first needs it and kept while those bytes stay the same.
 */

/** Postings per block. */
export const BLOCK = 128;

/** The slot a cursor past its list's end reports: above every real slot. */
export const END = 0x7fffffff;

/** A list's encoded bytes as PostingLists.runs gives them. */
export interface ListRuns {
  frozen: Uint8Array;
  tail: Uint8Array;
  tailEnd: number;
  tailBase: number;
}

/** The blocks of one list: parallel arrays, the frozen part's blocks first, then the tail's. */
export interface SkipBlocks {
  /** The bytes the blocks were cut from (identity and length), to tell when they are stale. */
  frozen: Uint8Array;
  tailEnd: number;
  /** Blocks in the frozen part; the rest lie in the tail. */
  frozenBlocks: number;
  count: number;
  start: Int32Array;
  stop: Int32Array;
  base: Int32Array;
  last: Int32Array;
  maxTf: Uint8Array;
  minLen: Float32Array;
}

/** The blocks of `runs`, reusing `old`'s frozen-part blocks when those bytes are unchanged. */
export function skipBlocks(runs: ListRuns, lens: Float32Array, old?: SkipBlocks): SkipBlocks {
  if (old && old.frozen === runs.frozen && old.tailEnd === runs.tailEnd) return old;
  const reuse = old !== undefined && old.frozen === runs.frozen;
  const cap = Math.ceil(estimatePostings(runs) / BLOCK) + 2;
  const out = emptyBlocks(runs, cap);
  if (reuse) {
    copyBlocks(old, out, old.frozenBlocks);
  } else {
    cut(runs.frozen, runs.frozen.length, -1, lens, out);
  }
  out.frozenBlocks = out.count;
  cut(runs.tail, runs.tailEnd, runs.tailBase, lens, out);
  return out;
}

/** A forward-only reader of one list: `slot` and `tf` of the current posting, END past the end. */
export class PostingCursor {
  slot = -1;
  tf = 0;
  private block = -1;
  /** The block blockOf last found. */
  private found = 0;
  private buf: Uint8Array = EMPTY;
  private p = 0;
  private stop = 0;

  constructor(
    private readonly runs: ListRuns,
    readonly blocks: SkipBlocks,
  ) {
    this.enter(0);
  }

  /** Moves to the next posting. */
  next(): void {
    if (this.p >= this.stop) {
      this.enter(this.block + 1);
      return;
    }
    this.decode();
  }

  /** Moves to the first posting whose slot is at least `target` (no move when already there). */
  seek(target: number): void {
    if (this.slot >= target) return;
    const b = this.blocks;
    if (target > b.last[this.block]!) {
      const to = this.blockOf(target);
      if (to >= b.count) {
        this.finish();
        return;
      }
      this.enter(to);
    }
    while (this.slot < target) this.next();
  }

  /**
   * The block that would hold `target` (the first whose last slot is at least it), searched by
   * galloping from the current block or the one the last call found, whichever is further
   * (a cursor's targets only grow); `count` when none does.
   */
  blockOf(target: number): number {
    const last = this.blocks.last;
    const n = this.blocks.count;
    let lo = Math.max(this.block, this.found);
    if (lo >= n || last[lo]! >= target) return (this.found = lo);
    let step = 1;
    let hi = lo + 1;
    while (hi < n && last[hi]! < target) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (hi > n) hi = n;
    // last[lo] < target; the answer is in (lo, hi].
    while (lo + 1 < hi) {
      const mid = (lo + hi) >>> 1;
      if (last[mid]! < target) lo = mid;
      else hi = mid;
    }
    return (this.found = hi);
  }

  private enter(block: number): void {
    const b = this.blocks;
    if (block >= b.count) {
      this.finish();
      return;
    }
    this.block = block;
    this.buf = block < b.frozenBlocks ? this.runs.frozen : this.runs.tail;
    this.p = b.start[block]!;
    this.stop = b.stop[block]!;
    this.slot = b.base[block]!;
    this.decode();
  }

  private finish(): void {
    this.block = this.blocks.count;
    this.slot = END;
    this.tf = 0;
    this.p = this.stop = 0;
  }

  private decode(): void {
    const buf = this.buf;
    let p = this.p;
    let b = buf[p++]!;
    let v = b & 127;
    if (b & 128) {
      b = buf[p++]!;
      v |= (b & 127) << 7;
      if (b & 128) {
        b = buf[p++]!;
        v |= (b & 127) << 14;
        if (b & 128) {
          b = buf[p++]!;
          v |= (b & 127) << 21;
          if (b & 128) v += (buf[p++]! & 127) * 268_435_456;
        }
      }
    }
    this.slot += v >>> 1;
    this.tf = v & 1 ? buf[p++]! : 1;
    this.p = p;
  }
}

const EMPTY = new Uint8Array(0);

/** An upper bound on a list's postings from its byte size (every posting takes a byte or more). */
function estimatePostings(runs: ListRuns): number {
  return runs.frozen.length + runs.tailEnd;
}

function emptyBlocks(runs: ListRuns, cap: number): SkipBlocks {
  return {
    frozen: runs.frozen,
    tailEnd: runs.tailEnd,
    frozenBlocks: 0,
    count: 0,
    start: new Int32Array(cap),
    stop: new Int32Array(cap),
    base: new Int32Array(cap),
    last: new Int32Array(cap),
    maxTf: new Uint8Array(cap),
    minLen: new Float32Array(cap),
  };
}

function copyBlocks(from: SkipBlocks, to: SkipBlocks, n: number): void {
  to.start.set(from.start.subarray(0, n));
  to.stop.set(from.stop.subarray(0, n));
  to.base.set(from.base.subarray(0, n));
  to.last.set(from.last.subarray(0, n));
  to.maxTf.set(from.maxTf.subarray(0, n));
  to.minLen.set(from.minLen.subarray(0, n));
  to.count = n;
}

/** Appends the blocks of `buf[0..end)` (decoded from slot `base`) to `out`. */
function cut(buf: Uint8Array, end: number, base: number, lens: Float32Array, out: SkipBlocks) {
  let p = 0;
  let d = base;
  let inBlock = 0;
  let at = out.count;
  while (p < end) {
    if (inBlock === 0) {
      out.start[at] = p;
      out.base[at] = d;
      out.maxTf[at] = 0;
      out.minLen[at] = Infinity;
    }
    let b = buf[p++]!;
    let v = b & 127;
    let scale = 128;
    while (b & 128) {
      b = buf[p++]!;
      v += (b & 127) * scale;
      scale *= 128;
    }
    d += Math.floor(v / 2);
    const tf = v & 1 ? buf[p++]! : 1;
    if (tf > out.maxTf[at]!) out.maxTf[at] = tf;
    const len = lens[d]!;
    if (len < out.minLen[at]!) out.minLen[at] = len;
    if (++inBlock === BLOCK || p >= end) {
      out.stop[at] = p;
      out.last[at] = d;
      at++;
      inBlock = 0;
    }
  }
  out.count = at;
}
