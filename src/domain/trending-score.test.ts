import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRENDING_SETTINGS as S,
  decayPerHour,
  explainTrending,
  rankKey,
  scoreAt,
  scoreComponents,
  scoreFromRankKey,
  TRENDING_WINDOWS,
  WINDOW_HOURS,
  type Signal,
} from './trending-score.ts';

const NOW = Date.parse('2026-07-01T12:00:00Z');
const HOUR = 3_600_000;
const signalArb = fc.record({
  kind: fc.constantFrom('stars' as const, 'votes' as const, 'comments' as const, 'views' as const),
  at: fc.integer({ min: NOW - 40 * 24 * HOUR, max: NOW }),
  amount: fc.integer({ min: 1, max: 10_000 }),
});
const windowArb = fc.constantFrom(...TRENDING_WINDOWS);

function score(signals: Signal[], born: number, now: number, w: (typeof TRENDING_WINDOWS)[number]) {
  return scoreAt(scoreComponents(signals, now, w, S).signalSum, born, now, S);
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

  it('counts views as log(1 + views)', () => {
    const c = scoreComponents([{ kind: 'views', at: NOW, amount: 99 }], NOW, '24h', S);
    expect(c.signalSum).toBeCloseTo(S.weights.views * Math.log(100), 12);
    expect(c.views).toBe(99);
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
          const c = scoreComponents(signals, NOW, w, S);
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

  it('explains a score in one line', () => {
    expect(
      explainTrending(
        { starsGained: 320, upvotes: 41, comments: 0, views: 0, ageDays: 2.4 },
        '24h',
      ),
    ).toBe('+320 ★ in 24 h · 41 upvotes · 2 days old');
    expect(
      explainTrending({ starsGained: 0, upvotes: 1, comments: 1, views: 1500, ageDays: 0.2 }, '7d'),
    ).toBe('1 upvote · 1 comment · 1,500 views · new today');
  });
});
