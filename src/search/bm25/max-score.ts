import { END, type PostingCursor, type SkipBlocks } from './posting-cursor.ts';
import { TopK } from './top-k.ts';

/**
 * Top-k BM25 by MaxScore (Turtle and Flood, 1995), document at a time: the query's lists are
 * ordered by the best contribution each can make, and once the k-th best score so far exceeds
 * what the weakest lists can add up to together, those lists only add to papers the others
 * found (looked up by skipping, see posting-cursor.ts); papers that cannot reach the k-th score
 * are dropped before they are fully scored. A paper that is scored gets exactly the score the
 * exhaustive path gives it (its contributions summed in the query's term order), so the top k
 * are the same papers, in the same order, with the same scores.
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

const LIVE = 1;
/**
 * Bounds are summed in another order than scores are, so they may differ in the last bits: a
 * paper is dropped only when its bound, raised by this factor, is still below the k-th score.
 */
const SAFE = 1 + 1e-9;

/** BM25 length normalization: a posting scores num × tf / (tf + base + slope × length). */
export interface LengthNorm {
  base: number;
  slope: number;
}

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
 * The k best papers holding any of `lists` and none of `excluded`, by score (ties to the higher
 * pid), with BM25 length normalization `norm`.
 */
export function maxScoreTop(
  lists: ScoringList[],
  excluded: PostingCursor[],
  norm: LengthNorm,
  cols: SlotColumns,
  k: number,
): { score: number; day: number; pid: number }[] {
  const { base, slope } = norm;
  const { lens, flags, pids, days } = cols;
  const m = lists.length;
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
  // Lists 0..essential-1 only add to papers the others found.
  let essential = 0;
  let d = firstSlot(cursors, essential);
  while (d !== END) {
    // Scores what the essential lists hold of d, moving them on and finding the next paper.
    let partial = 0;
    let next = END;
    for (let j = essential; j < m; j++) {
      const cursor = cursors[j]!;
      if (cursor.slot === d) {
        const tf = cursor.tf;
        const s = (nums[j]! * tf) / (tf + base + slope * lens[d]!);
        contrib[j] = s;
        present[j] = 1;
        partial += s;
        cursor.next();
      } else present[j] = 0;
      if (cursor.slot < next) next = cursor.slot;
    }
    const doc = d;
    d = next;
    if (flags !== null && (flags[doc]! & LIVE) === 0) continue;
    let reachable = true;
    for (let j = essential - 1; j >= 0; j--) {
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
    for (let i = 0; i < m; i++) {
      const j = at[i]!;
      if (present[j]) score = score + contrib[j]!;
    }
    if (score < floor) continue;
    top.offer(score, days[doc]!, pids[doc]!);
    floor = top.floor();
    if (prefix[essential]! * SAFE < floor) {
      while (essential < m && prefix[essential]! * SAFE < floor) essential++;
      d = firstSlot(cursors, essential);
    }
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
