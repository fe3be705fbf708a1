import { describe, expect, it } from 'vitest';
import { kthLargest, TopRows } from './select.ts';

describe('partial selection', () => {
  it('finds the k-th largest score, with ties and infinities', () => {
    const scores = Float64Array.of(3, -Infinity, 7, 3, 1, 9, 3, -2, 7);
    const sorted = [...scores].sort((a, b) => b - a);
    for (let k = 1; k <= scores.length; k++) expect(kthLargest(scores, k)).toBe(sorted[k - 1]);
    // The input is left as it was.
    expect([...scores]).toEqual([3, -Infinity, 7, 3, 1, 9, 3, -2, 7]);
    expect(kthLargest(new Float64Array(1000).fill(0.5), 10)).toBe(0.5);
  });

  it('keeps the k best rows, best first, the earlier offer winning a tie', () => {
    const top = new TopRows(3);
    [0.5, 0.9, 0.5, 0.1, 0.9, 0.7].forEach((s, row) => top.offer(row, s));
    expect(top.sorted()).toEqual([
      { row: 1, score: 0.9 },
      { row: 4, score: 0.9 },
      { row: 5, score: 0.7 },
    ]);
    const fewer = new TopRows(5);
    fewer.offer(3, -1);
    fewer.offer(8, 2);
    expect(fewer.sorted()).toEqual([
      { row: 8, score: 2 },
      { row: 3, score: -1 },
    ]);
  });
});
