import { END, type PostingCursor, type SkipBlocks } from './posting-cursor.ts';
import { TopK } from './top-k.ts';

/**
 * Top-k BM25 by MaxScore (Turtle and Flood, 1995), a window of slots at a time: the query's
 * lists are ordered by the best contribution each can make. Once the k-th best score so far
 * exceeds what the weakest lists can add up to together, those lists only add to papers the
 * others found, looked up by skipping (see posting-cursor.ts); papers that cannot reach the
 * k-th score are dropped before they are fully scored.
 *
 * The strong lists are added up list by list over a window of WINDOW slots, as the exhaustive
 * path does over all of them: a tight loop per posting, where stepping every list's cursor per
 * paper took about twice as long on whole-title queries. Lists are added up while the weaker ones'
 * bounds together stay under ACCUMULATE_SHARE of the k-th score, not only while they must be:
 * then few papers of a window are left to look up in the weak lists.
 *
 * A paper that is scored gets exactly the score the exhaustive path gives it (its
 * contributions summed in the query's term order), so the top k are the same papers, in the
 * same order, with the same scores.
 */

/** One scored list of the query: its cursor and its BM25 numerator (weight × idf × (k1 + 1)). */
export interface ScoringList {
  cursor: PostingCursor;
  num: number;
}

/** Per-slot columns the ranking reads. */
export interface SlotColumns {
  lens: Float32Array;
  /** Liveness flags, or null when every slot is live. */
  flags: Uint8Array | null;
  pids: Int32Array;
  days: Int32Array;
}

/** BM25 length normalization: a posting scores num × tf / (tf + base + slope × length). */
export interface LengthNorm {
  base: number;
  slope: number;
}

/** Lists a query may have here: a paper's lists are noted as bits of one 32-bit word. */
export const MAX_SCORE_LISTS = 31;
/** Slots per window: the window's sums and tfs stay in the processor's caches. */
export const WINDOW = 16_384;
/**
 * Lists are added up over the window while the weaker lists' bounds sum to at least this share
 * of the k-th score (1 would add up only the lists MaxScore must). On whole-title queries over
 * a million papers, 1 took about a third longer; 0.5 to 0.8 measured alike there and over three
 * million.
 */
const ACCUMULATE_SHARE = 0.7;
const LIVE = 1;
/**
 * Bounds are summed in another order than scores are, so they may differ in the last bits: a
 * paper is dropped only when its bound, raised by this factor, is still below the k-th score.
 */
const SAFE = 1 + 1e-9;

/**
 * A window's working arrays, kept between queries: each entry is cleared as it is read, and all
 * of them if a ranking ends in an error (a ranking runs start to end without yielding).
 */
const sums = new Float64Array(WINDOW);
const held = new Uint32Array(WINDOW);
const touched = new Int32Array(WINDOW >> 5);
const tfs = new Uint8Array(WINDOW * MAX_SCORE_LISTS);

/** A list's best possible contribution: the best of its blocks (see posting-cursor.ts). */
function listBound(list: ScoringList, norm: LengthNorm): number {
  const b = list.cursor.blocks;
  let max = 0;
  for (let i = 0; i < b.count; i++) max = Math.max(max, blockBound(list.num, b, i, norm));
  return max;
}

/** The best a block of a list with numerator `num` can add to a paper's score. */
function blockBound(num: number, b: SkipBlocks, block: number, norm: LengthNorm): number {
  const tf = b.maxTf[block]!;
  return (num * tf) / (tf + norm.base + norm.slope * b.minLen[block]!);
}

/**
 * The k best papers holding any of `lists` (at most MAX_SCORE_LISTS) and none of `excluded`,
 * by score (ties to the higher pid), with BM25 length normalization `norm`.
 */
export function maxScoreTop(
  lists: ScoringList[],
  excluded: PostingCursor[],
  norm: LengthNorm,
  cols: SlotColumns,
  k: number,
): { score: number; day: number; pid: number }[] {
  try {
    return rank(lists, excluded, norm, cols, k);
  } catch (error) {
    sums.fill(0);
    held.fill(0);
    touched.fill(0);
    throw error;
  }
}

function rank(
  lists: ScoringList[],
  excluded: PostingCursor[],
  norm: LengthNorm,
  cols: SlotColumns,
  k: number,
): { score: number; day: number; pid: number }[] {
  const { base, slope } = norm;
  const { lens, flags, pids, days } = cols;
  const m = lists.length;
  if (m > MAX_SCORE_LISTS) throw new RangeError(`at most ${MAX_SCORE_LISTS} lists, not ${m}`);
  const top = new TopK(k, 'relevance');
  if (m === 0 || k <= 0) return top.sorted();
  const best = lists.map((list) => listBound(list, norm));
  // Lists weakest first (position j); prefix[j] bounds what lists 0..j add together.
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => best[a]! - best[b]!);
  const cursors = order.map((i) => lists[i]!.cursor);
  const nums = Float64Array.from(order, (i) => lists[i]!.num);
  const bests = Float64Array.from(order, (i) => best[i]!);
  const at = new Int32Array(m);
  order.forEach((i, j) => (at[i] = j));
  const prefix = new Float64Array(m);
  let sum = 0;
  for (let j = 0; j < m; j++) prefix[j] = sum += bests[j]!;
  const contrib = new Float64Array(m);
  const present = new Uint8Array(m);
  let floor = -Infinity;
  // Lists from `added` on are added up over each window; those below it are looked up.
  let added = 0;
  for (;;) {
    const start = firstSlot(cursors, added);
    if (start === END) break;
    const end = start + WINDOW;
    for (let j = added; j < m; j++) {
      const cursor = cursors[j]!;
      const num = nums[j]!;
      const bit = 1 << j;
      const row = j * WINDOW;
      while (cursor.slot < end) {
        const d = cursor.slot;
        const i = d - start;
        const tf = cursor.tf;
        const s = (num * tf) / (tf + base + slope * lens[d]!);
        sums[i] = sums[i]! + s;
        tfs[row + i] = tf;
        if (held[i] === 0) touched[i >> 5] = touched[i >> 5]! | (1 << (i & 31));
        held[i] = held[i]! | bit;
        cursor.next();
      }
    }
    const weak = added > 0 ? prefix[added - 1]! : 0;
    // The window's papers in slot order (so lookups only skip forwards).
    for (let w = 0; w < WINDOW >> 5; w++) {
      let bits = touched[w]!;
      if (bits === 0) continue;
      touched[w] = 0;
      while (bits !== 0) {
        const low = bits & -bits;
        bits ^= low;
        const i = (w << 5) + (31 - Math.clz32(low));
        const doc = start + i;
        let partial = sums[i]!;
        const holds = held[i]!;
        sums[i] = 0;
        held[i] = 0;
        if ((partial + weak) * SAFE < floor) continue;
        if (flags !== null && (flags[doc]! & LIVE) === 0) continue;
        let reachable = true;
        for (let j = added - 1; j >= 0; j--) {
          const rest = j > 0 ? prefix[j - 1]! : 0;
          if ((partial + bests[j]! + rest) * SAFE < floor) {
            reachable = false;
            break;
          }
          const cursor = cursors[j]!;
          // The block that would hold the paper may promise less than the whole list: then the
          // paper can be dropped without decoding the block.
          const block = cursor.blockOf(doc);
          const blocks = cursor.blocks;
          if (block >= blocks.count || blocks.base[block]! >= doc) {
            present[j] = 0;
            continue;
          }
          if ((partial + blockBound(nums[j]!, blocks, block, norm) + rest) * SAFE < floor) {
            reachable = false;
            break;
          }
          cursor.seek(doc);
          if (cursor.slot !== doc) {
            present[j] = 0;
            continue;
          }
          const tf = cursor.tf;
          const s = (nums[j]! * tf) / (tf + base + slope * lens[doc]!);
          contrib[j] = s;
          present[j] = 1;
          partial += s;
        }
        if (!reachable || isExcluded(excluded, doc)) continue;
        // The exact score: contributions added in the query's order, as the exhaustive path does.
        let score = 0;
        for (let q = 0; q < m; q++) {
          const j = at[q]!;
          if (j >= added) {
            if (holds & (1 << j)) {
              const tf = tfs[j * WINDOW + i]!;
              score = score + (nums[j]! * tf) / (tf + base + slope * lens[doc]!);
            }
          } else if (present[j]) score = score + contrib[j]!;
        }
        if (score < floor) continue;
        top.offer(score, days[doc]!, pids[doc]!);
        floor = top.floor();
      }
    }
    const goal = floor * ACCUMULATE_SHARE;
    while (added < m && prefix[added]! * SAFE < goal) added++;
  }
  return top.sorted();
}

/** The lowest slot the cursors from `from` on stand at (END when all are done). */
function firstSlot(cursors: PostingCursor[], from: number): number {
  let d = END;
  for (let j = from; j < cursors.length; j++) d = Math.min(d, cursors[j]!.slot);
  return d;
}

function isExcluded(excluded: PostingCursor[], d: number): boolean {
  for (const cursor of excluded) {
    cursor.seek(d);
    if (cursor.slot === d) return true;
  }
  return false;
}
