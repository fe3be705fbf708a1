import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combineSignals,
  DEFAULT_TRENDING_RULES,
  decayPerHour,
  explainTrending,
  rankKey,
  scoreAt,
  scoreFromRankKey,
  TRENDING_WINDOWS,
  WINDOW_HOURS,
  windowSum,
  type TrendingSettings,
  type TrendingWindow,
} from './trending-score.ts';

const NOW = Date.parse('2026-07-01T12:00:00Z');
const HOUR = 3_600_000;
const signalArb = fc.record({
  kind: fc.constantFrom('stars' as const, 'votes' as const, 'comments' as const, 'views' as const),
  at: fc.integer({ min: NOW - 40 * 24 * HOUR, max: NOW }),
  amount: fc.integer({ min: 1, max: 10_000 }),
});
const windowArb = fc.constantFrom(...TRENDING_WINDOWS);

// The domain knows no signal kinds: these stand in for the registered ones (views as log(1 + n)).
const S: TrendingSettings = {
  weights: { stars: 0.5, votes: 1, comments: 0.5, views: 0.25 },
  ...DEFAULT_TRENDING_RULES,
};
type Kind = 'stars' | 'votes' | 'comments' | 'views';
interface Signal {
  kind: Kind;
  at: number;
  amount: number;
}
const VALUE: Partial<Record<Kind, (n: number) => number>> = { views: Math.log1p };

function components(signals: Signal[], now: number, w: TrendingWindow) {
  const kinds = ['stars', 'votes', 'comments', 'views'] as const;
  const parts = kinds.flatMap((kind) => {
    const sum = windowSum(
      signals.filter((x) => x.kind === kind),
      now,
      w,
      S,
      VALUE[kind],
    );
    return sum ? [{ weight: S.weights[kind]!, sum }] : [];
  });
  return combineSignals(parts, w);
}

function score(signals: Signal[], born: number, now: number, w: TrendingWindow) {
  return scoreAt(components(signals, now, w).signalSum, born, now, S);
}

describe('trending score', () => {
  it('weights a fresh vote on a fresh paper as one', () => {
    expect(score([{ kind: 'votes', at: NOW, amount: 1 }], NOW, NOW, '24h')).toBe(1);
  });

  it('halves a signal every half window and leaves out what is outside the window', () => {
    const vote = (hoursAgo: number): Signal => ({
      kind: 'votes',
      at: NOW - hoursAgo * HOUR,
      amount: 1,
    });
    expect(score([vote(12)], NOW, NOW, '24h')).toBeCloseTo(0.5, 12);
    expect(score([vote(25)], NOW, NOW, '24h')).toBe(0);
    expect(score([vote(84)], NOW, NOW, '7d')).toBeCloseTo(0.5, 12);
  });

  it('turns amounts into points as the signal says (views: log(1 + views))', () => {
    const sum = windowSum([{ at: NOW, amount: 99 }], NOW, '24h', S, Math.log1p);
    expect(sum).toEqual({ decayed: Math.log1p(99), count: 99, earliest: NOW });
    const c = components([{ kind: 'views', at: NOW, amount: 99 }], NOW, '24h');
    expect(c.signalSum).toBeCloseTo(0.25 * Math.log(100), 12);
  });

  it('expires a row when its earliest counted signal leaves the window', () => {
    const c = components(
      [
        { kind: 'votes', at: NOW - 3 * HOUR, amount: 1 },
        { kind: 'stars', at: NOW - 5 * HOUR, amount: 40 },
        { kind: 'comments', at: NOW - 30 * HOUR, amount: 1 },
      ],
      NOW,
      '24h',
    );
    expect(c.expiresAt).toBe(NOW + 19 * HOUR);
    expect(windowSum([{ at: NOW - 30 * HOUR, amount: 1 }], NOW, '24h', S)).toBeNull();
  });

  it('never lowers a score when a signal is added', () => {
    fc.assert(
      fc.property(fc.array(signalArb), signalArb, windowArb, (signals, extra, w) => {
        expect(score([...signals, extra], NOW - 100 * HOUR, NOW, w)).toBeGreaterThanOrEqual(
          score(signals, NOW - 100 * HOUR, NOW, w),
        );
      }),
    );
  });

  it('never raises a score as time passes', () => {
    fc.assert(
      fc.property(
        fc.array(signalArb),
        fc.integer({ min: 0, max: 60 * 24 * HOUR }),
        windowArb,
        (signals, later, w) => {
          const born = NOW - 48 * HOUR;
          expect(score(signals, born, NOW + later, w)).toBeLessThanOrEqual(
            score(signals, born, NOW, w) * (1 + 1e-12),
          );
        },
      ),
    );
  });

  it('keeps the score recoverable from the stored rank key at any later time', () => {
    fc.assert(
      fc.property(
        fc.array(signalArb, { minLength: 1 }),
        fc.integer({ min: 0, max: 1e9 }),
        windowArb,
        (signals, later, w) => {
          const c = components(signals, NOW, w);
          fc.pre(c.signalSum > 0);
          const born = NOW - 30 * HOUR;
          const key = rankKey(c.signalSum, born, NOW, w, S);
          const halfLife = S.halfLifeFraction * WINDOW_HOURS[w] * HOUR;
          const expected = scoreAt(c.signalSum, born, NOW + later, S) * 2 ** (-later / halfLife);
          const actual = scoreFromRankKey(key, decayPerHour(w, S), NOW + later);
          expect(actual / expected).toBeCloseTo(1, 6);
        },
      ),
    );
  });

  it('explains a score in one line: the signals’ phrases, then the paper’s age', () => {
    expect(explainTrending(['+320 ★ in 24 h', '41 upvotes'], 2.4)).toBe(
      '+320 ★ in 24 h · 41 upvotes · 2 days old',
    );
    expect(explainTrending([], 1.2)).toBe('1 day old');
    expect(explainTrending(['1 upvote'], 0.2)).toBe('1 upvote · new today');
  });
});
