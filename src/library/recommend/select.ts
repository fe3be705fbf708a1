/** Partial selection over scores: the cost of finding the best few, not of sorting them all. */

/**
 * The k-th largest of the scores (1 ≤ k ≤ their count), by quickselect on a copy; `scratch`, when
 * long enough, holds the copy instead of a new array.
 */
export function kthLargest(scores: Float64Array, k: number, scratch?: Float64Array): number {
  const a =
    scratch && scratch.length >= scores.length
      ? scratch.subarray(0, scores.length)
      : new Float64Array(scores.length);
  a.set(scores);
  // The k-th largest is the (n - k)-th smallest.
  const target = a.length - k;
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // Median of three as the pivot keeps sorted or constant input from going quadratic.
    const mid = (lo + hi) >>> 1;
    const pivot = median(a[lo]!, a[mid]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}

function median(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}

/** Keeps the k highest-scoring rows offered, in typed arrays; on equal scores the earlier offer wins. */
export class TopRows {
  private readonly rows: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.rows = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  offer(row: number, score: number): void {
    const { k, rows, scores } = this;
    if (k === 0 || (this.size === k && score <= scores[k - 1]!)) return;
    // Insertion from the end: a later offer goes after every equal score.
    let at = this.size < k ? this.size++ : k - 1;
    while (at > 0 && scores[at - 1]! < score) {
      rows[at] = rows[at - 1]!;
      scores[at] = scores[at - 1]!;
      at--;
    }
    rows[at] = row;
    scores[at] = score;
  }

  /** The rows kept and their scores, best first. */
  sorted(): { row: number; score: number }[] {
    return Array.from({ length: this.size }, (_, i) => ({
      row: this.rows[i]!,
      score: this.scores[i]!,
    }));
  }
}
