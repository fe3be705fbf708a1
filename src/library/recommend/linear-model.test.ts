import { describe, expect, it } from 'vitest';
import { trainLinear, type LinearModel } from './linear-model.ts';
import { DEFAULT_RANK, preparePapers, rankCandidates, type RankItem } from './rank.ts';
import { scoreRows, toRows, type SparseVector } from './sparse-rows.ts';

const vec = (terms: Record<number, number>): SparseVector => {
  const entries = Object.entries(terms).map(([t, w]) => [Number(t), w] as const);
  const norm = Math.sqrt(entries.reduce((n, [, w]) => n + w * w, 0));
  return {
    idx: Int32Array.from(entries.map(([t]) => t)),
    w: Float32Array.from(entries.map(([, w]) => w / norm)),
  };
};
const linearScore = (model: LinearModel, x: SparseVector): number =>
  scoreRows(toRows([x]), model.w, model.bias)[0]!;
const item = (id: string, terms: Record<number, number>): RankItem => ({
  id,
  dense: null,
  sparse: vec(terms),
});

describe('the per-member linear model', () => {
  it('scores the member’s words above the background’s', () => {
    const model = trainLinear({
      own: toRows([
        vec({ 1: 1, 2: 0.5 }),
        vec({ 1: 1, 3: 0.5 }),
        vec({ 4: 1, 2: 0.3 }),
        vec({ 5: 1 }),
      ]),
      positives: 2,
      ownCost: Float64Array.of(1, 1, 1, 1),
    });
    expect(linearScore(model, vec({ 1: 1 }))).toBeGreaterThan(0);
    expect(linearScore(model, vec({ 4: 1 }))).toBeLessThan(0);
    expect(linearScore(model, vec({ 1: 1 }))).toBeGreaterThan(linearScore(model, vec({ 2: 1 })));
  });

  it('ranks with the background, and a “not interested” paper pushes its words down', () => {
    const profile = [
      { ...item('p1', { 1: 1, 2: 1 }), weight: 1 },
      { ...item('p2', { 1: 1, 3: 1 }), weight: 1 },
    ];
    const background = [item('b1', { 7: 1 }), item('b2', { 8: 1, 2: 0.2 }), item('b3', { 9: 1 })];
    const candidates = [item('c-words', { 1: 1, 6: 1 }), item('c-other', { 3: 1, 10: 1 })];
    const ranked = rankCandidates(profile, [], candidates, 2, DEFAULT_RANK, background);
    expect(ranked.map((r) => [r.id, r.because])).toEqual([
      ['c-words', 'p1'],
      ['c-other', 'p2'],
    ]);
    // Dismissing a paper about term 6 turns the order around.
    const dismissed = [item('n1', { 6: 1 })];
    expect(
      rankCandidates(profile, dismissed, candidates, 2, DEFAULT_RANK, background).map((r) => r.id),
    ).toEqual(['c-other', 'c-words']);
  });

  it('ranks prepared papers as it ranks the same papers given one by one', () => {
    const profile = [
      { ...item('p1', { 1: 1, 2: 1 }), weight: 1 },
      { ...item('p2', { 1: 1, 3: 1 }), weight: 0.6 },
    ];
    // p1 is in the background too: the member's own paper is not a negative.
    const background = [
      item('b1', { 7: 1 }),
      item('p1', { 1: 1, 2: 1 }),
      item('b3', { 9: 1, 3: 0.1 }),
    ];
    const candidates = [
      item('c1', { 1: 1, 6: 1 }),
      item('p2', { 1: 1, 3: 1 }),
      item('c2', { 3: 1, 10: 1 }),
      { id: 'c3', dense: null, sparse: null },
      item('c4', { 9: 1, 2: 0.5 }),
    ];
    const expected = [
      ['c1', 'p1'],
      ['c2', 'p2'],
      ['c4', 'p1'],
    ];
    const ranked = (c: RankItem[] | ReturnType<typeof preparePapers>, b: typeof c) =>
      rankCandidates(profile, [], c, 3, DEFAULT_RANK, b).map((r) => [r.id, r.because]);
    expect(ranked(candidates, background)).toEqual(expected);
    expect(ranked(preparePapers(candidates), preparePapers(background))).toEqual(expected);
  });
});
