import { describe, expect, it } from 'vitest';
import { feedbackTerms } from './feedback.ts';
import { keepHead } from './keyword-engine.ts';

const doc = (terms: Record<string, number>) => ({ terms: new Map(Object.entries(terms)) });

/** Document frequencies of a 100-paper index. */
const stats = (df: Record<string, number>) => ({
  docFrequency: (t: string) => df[t] ?? 0,
  size: () => 100,
});

describe('feedbackTerms', () => {
  const top = [
    { doc: doc({ molecul: 2, graph: 1, bond: 1 }), score: 3 },
    { doc: doc({ molecul: 1, bond: 2, atom: 1 }), score: 1 },
  ];
  const df = stats({ molecul: 10, graph: 30, bond: 5, atom: 1 });

  it('weighs words by their share of each paper, by paper score, leaving out query terms', () => {
    // bond: 3/4 · 1/4 + 1/4 · 2/4 = 0.3125; graph: 3/4 · 1/4 = 0.1875; atom holds one paper only.
    expect(feedbackTerms(top, ['molecul'], df, { docs: 2, terms: 5, weight: 0.5 })).toEqual([
      { term: 'bond', weight: 0.5 },
      { term: 'graph', weight: 0.5 * (0.1875 / 0.3125) },
    ]);
  });

  it('scales by rarity when asked and keeps the strongest `terms`', () => {
    const idf = (d: number) => Math.log((100 - d + 0.5) / (d + 0.5));
    const [bond, graph] = [0.3125 * idf(5), 0.1875 * idf(30)];
    expect(
      feedbackTerms(top, ['molecul'], df, { docs: 2, terms: 5, weight: 1, idf: true }),
    ).toEqual([
      { term: 'bond', weight: 1 },
      { term: 'graph', weight: graph / bond },
    ]);
    expect(feedbackTerms(top, ['molecul'], df, { docs: 2, terms: 1, weight: 1 })).toEqual([
      { term: 'bond', weight: 1 },
    ]);
  });

  it('gives nothing without papers or scores', () => {
    expect(feedbackTerms([], ['molecul'], df, { docs: 2, terms: 5, weight: 1 })).toEqual([]);
    expect(
      feedbackTerms([{ doc: doc({ bond: 1 }), score: 0 }], [], df, {
        docs: 2,
        terms: 5,
        weight: 1,
      }),
    ).toEqual([]);
  });
});

describe('keepHead', () => {
  const hit = (pid: number, score: number) => ({ pid, score, day: 0 });

  it('keeps the head, then the reordered rest below its lowest score', () => {
    const head = [hit(1, 10), hit(2, 8)];
    const ranked = [hit(3, 16), hit(1, 15), hit(4, 12), hit(2, 9)];
    const out = keepHead(head, ranked, 4);
    expect(out.map((h) => h.pid)).toEqual([1, 2, 3, 4]);
    expect(out[2]!.score).toBeCloseTo(8 * 0.999, 9);
    expect(out[3]!.score).toBeCloseTo((12 * 8 * 0.999) / 16, 9);
  });

  it('leaves scores already below the head alone and stops at depth', () => {
    const out = keepHead([hit(1, 10)], [hit(1, 11), hit(5, 4), hit(6, 3)], 2);
    expect(out).toEqual([hit(1, 10), hit(5, 4)]);
  });
});
