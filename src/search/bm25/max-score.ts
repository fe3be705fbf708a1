import { END, type PostingCursor } from './posting-cursor.ts';
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
  for (let i = 0; i < b.count; i++) max = Math.max(max, blockBound(list, i, norm));
  return max;
}

function blockBound(list: ScoringList, block: number, { base, slope }: LengthNorm): number {
  const b = list.cursor.blocks;
  const tf = b.maxTf[block]!;
  return (list.num * tf) / (tf + base + slope * b.minLen[block]!);
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
  // Weakest first; prefix[j] bounds what lists order[0..j] add together.
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => best[a]! - best[b]!);
  const prefix = new Float64Array(m);
  let sum = 0;
  for (let j = 0; j < m; j++) prefix[j] = sum += best[order[j]!]!;
  const contrib = new Float64Array(m);
  const present = new Uint8Array(m);
  let floor = -Infinity;
  // Lists order[0..essential) only add to papers the others found.
  let essential = 0;
  for (;;) {
    let d = END;
    for (let j = essential; j < m; j++) {
      const slot = lists[order[j]!]!.cursor.slot;
      if (slot < d) d = slot;
    }
    if (d === END) break;
    let partial = 0;
    for (let j = essential; j < m; j++) {
      const i = order[j]!;
      const { cursor, num } = lists[i]!;
      if (cursor.slot !== d) {
        present[i] = 0;
        continue;
      }
      const tf = cursor.tf;
      const s = (num * tf) / (tf + base + slope * lens[d]!);
      contrib[i] = s;
      present[i] = 1;
      partial += s;
      cursor.next();
    }
    if (flags !== null && (flags[d]! & LIVE) === 0) continue;
    let reachable = true;
    for (let j = essential - 1; j >= 0; j--) {
      const rest = j > 0 ? prefix[j - 1]! : 0;
      if ((partial + best[order[j]!]! + rest) * SAFE < floor) {
        reachable = false;
        break;
      }
      const i = order[j]!;
      const list = lists[i]!;
      const cursor = list.cursor;
      // The block that would hold d may promise less than the whole list: then d can be
      // dropped without decoding it.
      const block = cursor.blockOf(d);
      if (block >= cursor.blocks.count || cursor.blocks.base[block]! >= d) {
        present[i] = 0;
        continue;
      }
      if ((partial + blockBound(list, block, norm) + rest) * SAFE < floor) {
        reachable = false;
        break;
      }
      cursor.seek(d);
      if (cursor.slot !== d) {
        present[i] = 0;
        continue;
      }
      const tf = cursor.tf;
      const s = (list.num * tf) / (tf + base + slope * lens[d]!);
      contrib[i] = s;
      present[i] = 1;
      partial += s;
    }
    if (!reachable || isExcluded(excluded, d)) continue;
    // The exact score: contributions added in the query's order, as the exhaustive path does.
    let score = 0;
    for (let i = 0; i < m; i++) if (present[i]) score = score + contrib[i]!;
    if (score < floor) continue;
    top.offer(score, days[d]!, pids[d]!);
    floor = top.floor();
    while (essential < m && prefix[essential]! * SAFE < floor) essential++;
    if (essential === m) break;
  }
  return top.sorted();
}

function isExcluded(excluded: PostingCursor[], d: number): boolean {
  for (const cursor of excluded) {
    cursor.seek(d);
    if (cursor.slot === d) return true;
  }
  return false;
}
