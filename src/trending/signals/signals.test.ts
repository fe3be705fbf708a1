import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import {
  countsByField,
  DEFAULT_TRENDING_SETTINGS,
  explainCounts,
  signalReasons,
  signalSummary,
  SIGNALS_AS_LISTED,
  TRENDING_SIGNALS,
} from './index.ts';

describe('the trending signal registry', () => {
  it('gives every signal its own kind, count field, weight variable and place on pages', () => {
    const distinct = (values: unknown[]) => new Set(values).size;
    expect(TRENDING_SIGNALS.map((s) => s.kind)).toEqual(['stars', 'votes', 'comments', 'views']);
    expect(TRENDING_SIGNALS.map((s) => s.field)).toEqual([
      'starsGained',
      'upvotes',
      'comments',
      'views',
    ]);
    expect(distinct(TRENDING_SIGNALS.map((s) => s.weight.variable))).toBe(TRENDING_SIGNALS.length);
    expect(distinct(TRENDING_SIGNALS.map((s) => s.about.position))).toBe(TRENDING_SIGNALS.length);
    expect(SIGNALS_AS_LISTED.map((s) => s.kind)).toEqual(['votes', 'stars', 'comments', 'views']);
  });

  it('defaults each weight to its signal’s and lets its variable change it', () => {
    expect(DEFAULT_TRENDING_SETTINGS.weights).toEqual({
      stars: 0.5,
      votes: 1,
      comments: 0.5,
      views: 0.25,
    });
    const config = loadConfig({
      FOLIO_DATA_DIR: '/tmp/folio-signals-config',
      FOLIO_TRENDING_WEIGHT_VIEWS: '2',
      FOLIO_TRENDING_WEIGHT_STARS: '0.125',
    });
    expect(config.trending.weights).toEqual({ stars: 0.125, votes: 1, comments: 0.5, views: 2 });
  });

  it('explains stored counts in one line, signals in registry order, then the age', () => {
    const counts = countsByField({ stars: 320, votes: 41 });
    expect(counts).toEqual({ starsGained: 320, upvotes: 41, comments: 0, views: 0 });
    expect(explainCounts(counts, 2.4, '24h')).toBe('+320 ★ in 24 h · 41 upvotes · 2 days old');
    expect(explainCounts(countsByField({ votes: 1, comments: 1, views: 1500 }), 0.2, '7d')).toBe(
      '1 upvote · 1 comment · 1,500 views · new today',
    );
  });

  it('words a card’s reason as a reader says it', () => {
    expect(signalReasons(countsByField({ stars: 412, votes: 38, comments: 3 }), '7d')).toEqual([
      '+412 stars this week',
      '38 upvotes',
      '3 comments',
    ]);
    expect(signalReasons(countsByField({ stars: 1, views: 1 }), '30d')).toEqual([
      '+1 star this month',
      '1 view',
    ]);
    expect(signalReasons(countsByField({}), '24h')).toEqual([]);
  });

  it('sums the signals up for the trending page', () => {
    expect(signalSummary()).toBe('upvotes, GitHub stars, comments and views');
  });
});
