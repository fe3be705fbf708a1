import { describe, expect, it } from 'vitest';
import { linearScore, trainLinear, type SparseVector } from './linear-model.ts';
import { DEFAULT_RANK, rankCandidates, type RankItem } from './rank.ts';

const vec = (terms: Record<number, number>): SparseVector => {
  const entries = Object.entries(terms).map(([t, w]) => [Number(t), w] as const);
  const norm = Math.sqrt(entries.reduce((n, [, w]) => n + w * w, 0));
  return {
    idx: Int32Array.from(entries.map(([t]) => t)),
    w: Float32Array.from(entries.map(([, w]) => w / norm)),
  };
};
const item = (id: string, terms: Record<number, number>): RankItem => ({
  id,
  dense: null,
  sparse: vec(terms),
});

describe('the per-member linear model', () => {
  it('scores the member’s words above the background’s', () => {
    const model = trainLinear(
      [
        { x: vec({ 1: 1, 2: 0.5 }), cost: 1 },
        { x: vec({ 1: 1, 3: 0.5 }), cost: 1 },
      ],
      [
        { x: vec({ 4: 1, 2: 0.3 }), cost: 1 },
        { x: vec({ 5: 1 }), cost: 1 },
      ],
    );
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
});
