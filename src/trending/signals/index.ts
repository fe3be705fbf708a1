import { z } from 'zod';
import {
  DEFAULT_TRENDING_RULES,
  explainTrending,
  type TrendingSettings,
  type TrendingWindow,
} from '../../domain/trending-score.ts';
import { comments } from './comments.ts';
import { githubStars } from './github-stars.ts';
import { pageViews } from './page-views.ts';
import { upvotes } from './upvotes.ts';

/**
 * Every trending signal, in the order explanations name them. The recompute reads each, the
 * score weights each, /about/trending and the cards' reasons describe each: a new signal is
 * its file and one line here.
 */
export const TRENDING_SIGNALS = [githubStars, upvotes, comments, pageViews] as const;

export type TrendingSignalKind = (typeof TRENDING_SIGNALS)[number]['kind'];
export type TrendingSignalField = (typeof TRENDING_SIGNALS)[number]['field'];

/** A paper's count of each signal in a window, named as explanations name them. */
export type SignalCounts = Record<TrendingSignalField, number>;

/** The signals in the order pages list them (/about/trending, the trending page's summary). */
export const SIGNALS_AS_LISTED = [...TRENDING_SIGNALS].sort(
  (a, b) => a.about.position - b.about.position,
);

/** The default weight of each signal kind. */
export const DEFAULT_WEIGHTS = Object.freeze(
  Object.fromEntries(TRENDING_SIGNALS.map((s) => [s.kind, s.weight.default])),
) as Readonly<Record<TrendingSignalKind, number>>;

/** The default formula: each signal's default weight and the default rules. */
export const DEFAULT_TRENDING_SETTINGS: TrendingSettings = {
  weights: DEFAULT_WEIGHTS,
  ...DEFAULT_TRENDING_RULES,
};

/** Stored counts (keyed by signal kind; a missing kind counts 0) as explanation fields. */
export function countsByField(byKind: Readonly<Record<string, number>>): SignalCounts {
  return Object.fromEntries(
    TRENDING_SIGNALS.map((s) => [s.field, byKind[s.kind] ?? 0]),
  ) as SignalCounts;
}

/** "+320 ★ in 24 h · 41 upvotes · 2 days old": the signals with a count, then the paper's age. */
export function explainCounts(counts: SignalCounts, ageDays: number, window: TrendingWindow) {
  const phrases = TRENDING_SIGNALS.filter((s) => counts[s.field] > 0).map((s) =>
    s.explain(counts[s.field], window),
  );
  return explainTrending(phrases, ageDays);
}

/** ["+412 stars this week", "38 upvotes"]: the phrases of a trending card's reason. */
export function signalReasons(counts: SignalCounts, window: TrendingWindow): string[] {
  return TRENDING_SIGNALS.filter((s) => counts[s.field] > 0).map((s) =>
    s.reason(counts[s.field], window),
  );
}

/** The explanation's count fields, for API schemas (in the order explanations name them). */
export const signalCountsShape = Object.fromEntries(
  TRENDING_SIGNALS.map((s) => [s.field, z.number()]),
) as Record<TrendingSignalField, z.ZodNumber>;

/** "upvotes, GitHub stars, comments and views": the signals as the trending page sums them up. */
export function signalSummary(): string {
  const names = SIGNALS_AS_LISTED.map((s) => s.about.short);
  return new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' }).format(names);
}
