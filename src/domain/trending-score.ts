/**
 * The trending score, as pure arithmetic.
 *
 *   score = paperAge × Σ over signals in the window of  weight × amount × ½^(signal age / h)
 *
 * - signals: the kinds registered in src/trending/signals (stars gained, upvotes, comments, page
 *   views); each says how its amounts become points (views count as log(1 + views));
 * - h, the signal half-life, is a fraction of the window (12 h on the 24-hour list by default);
 * - paperAge = ½^(paper age / H) with H the paper half-life in days: the recency term that keeps
 *   old papers with a burst of attention from crowding out new ones.
 *
 * Because every factor decays exponentially, a stored score decays at one rate per window, so
 * `rankKey` (log₂ of the score plus its decay since an epoch) orders rows computed at different
 * times correctly without rewriting them; only papers with new or expiring signals need work.
 */

export type TrendingWindow = '24h' | '7d' | '30d';

export const TRENDING_WINDOWS = ['24h', '7d', '30d'] as const satisfies readonly TrendingWindow[];

export const WINDOW_HOURS: Record<TrendingWindow, number> = { '24h': 24, '7d': 168, '30d': 720 };

/** How much one unit of each signal is worth, keyed by signal kind (`stars`, `votes`, …). */
export type TrendingWeights = Readonly<Record<string, number>>;

/** The configurable parts of the formula and of the fairness rules. */
export interface TrendingSettings {
  weights: TrendingWeights;
  /** Signal half-life as a fraction of the window (0.5 → 12 h on the 24-hour list). */
  halfLifeFraction: number;
  /** A paper's weight halves every this many days after it first appeared. */
  paperHalfLifeDays: number;
  /** Votes from accounts younger than this count only once the account reaches this age. */
  newAccountHours: number;
  /** Votes one account casts beyond this many in one clock hour do not count. */
  votesPerHour: number;
}

/** The default rules; the default weights belong to the signals (src/trending/signals). */
export const DEFAULT_TRENDING_RULES: Omit<TrendingSettings, 'weights'> = {
  halfLifeFraction: 0.5,
  paperHalfLifeDays: 7,
  newAccountHours: 24,
  votesPerHour: 30,
};

/** One timestamped amount of a signal: stars gained at a snapshot, one vote or comment, a day's views. */
export interface SignalEvent {
  /** When it happened, in milliseconds since the Unix epoch. */
  at: number;
  /** Stars gained, votes (1, or an imported count), comments (1) or views that day. */
  amount: number;
}

/** One signal of one paper in one window, as the score needs it. */
export interface WindowSum {
  /** Σ value(amount) × ½^(signal age / h) at `now`, before the signal's weight. */
  decayed: number;
  /** Σ amount: what the explanation shows ("+320 ★", "41 upvotes"). */
  count: number;
  /** The earliest counted event (ms), which decides when the stored row needs recomputing. */
  earliest: number | null;
}

/** What the stored row of one paper in one window holds. */
export interface ScoreComponents {
  /** Σ weight × decayed over the signals, evaluated at `computedAt` (before the paper-age factor). */
  signalSum: number;
  /** When the oldest counted signal leaves the window (ms), or null when none counts. */
  expiresAt: number | null;
}

const HOUR = 3_600_000;

/** Signal half-life in hours for a window. */
export function signalHalfLifeHours(window: TrendingWindow, s: TrendingSettings): number {
  return WINDOW_HOURS[window] * s.halfLifeFraction;
}

/** log₂ decay per hour that every stored score of this window undergoes. */
export function decayPerHour(window: TrendingWindow, s: TrendingSettings): number {
  return 1 / signalHalfLifeHours(window, s) + 1 / (s.paperHalfLifeDays * 24);
}

/**
 * Sums the events of one signal that fall in the window ending at `now`, each turned into points
 * by `value` (views count as log(1 + views)) and decayed; null when none counts.
 */
export function windowSum(
  events: readonly SignalEvent[],
  now: number,
  window: TrendingWindow,
  s: TrendingSettings,
  value: (amount: number) => number = (amount) => amount,
): WindowSum | null {
  const start = now - WINDOW_HOURS[window] * HOUR;
  const halfLife = signalHalfLifeHours(window, s) * HOUR;
  let out: WindowSum | null = null;
  for (const event of events) {
    if (!(event.at > start && event.at <= now) || !(event.amount > 0)) continue;
    out ??= { decayed: 0, count: 0, earliest: null };
    out.decayed += value(event.amount) * 2 ** (-(now - event.at) / halfLife);
    out.count += event.amount;
    out.earliest = out.earliest === null ? event.at : Math.min(out.earliest, event.at);
  }
  return out;
}

/** Adds up a paper's signals in one window: each weighted, and when the first one leaves it. */
export function combineSignals(
  parts: readonly { weight: number; sum: WindowSum }[],
  window: TrendingWindow,
): ScoreComponents {
  const out: ScoreComponents = { signalSum: 0, expiresAt: null };
  for (const { weight, sum } of parts) {
    out.signalSum += weight * sum.decayed;
    if (sum.earliest === null) continue;
    const leaves = sum.earliest + WINDOW_HOURS[window] * HOUR;
    out.expiresAt = out.expiresAt === null ? leaves : Math.min(out.expiresAt, leaves);
  }
  return out;
}

/** The paper-age factor: ½ every `paperHalfLifeDays` since the paper first appeared. */
export function paperAgeFactor(bornAt: number, now: number, s: TrendingSettings): number {
  return 2 ** (-Math.max(0, now - bornAt) / (s.paperHalfLifeDays * 24 * HOUR));
}

/** The score at `now` of a paper whose signals sum to `signalSum` at that same time. */
export function scoreAt(signalSum: number, bornAt: number, now: number, s: TrendingSettings) {
  return signalSum * paperAgeFactor(bornAt, now, s);
}

/**
 * A time-independent sort key: log₂(score at `computedAt`) + decayPerHour × hours since the
 * epoch. Rows of one window compare correctly whenever each was computed.
 */
export function rankKey(
  signalSum: number,
  bornAt: number,
  computedAt: number,
  window: TrendingWindow,
  s: TrendingSettings,
): number {
  const score = scoreAt(signalSum, Math.min(bornAt, computedAt), computedAt, s);
  return Math.log2(score) + decayPerHour(window, s) * (computedAt / HOUR);
}

/** The score a stored rank key stands for at `now`. */
export function scoreFromRankKey(key: number, decayRate: number, now: number): number {
  return 2 ** (key - decayRate * (now / HOUR));
}

/** "+320 ★ in 24 h · 41 upvotes · 2 days old": the signals' phrases, then the paper's age. */
export function explainTrending(phrases: readonly string[], ageDays: number): string {
  return [...phrases, describeAge(ageDays)].join(' · ');
}

/** How explanations name a window: "24 h", "7 days", "30 days". */
export function windowSpan(window: TrendingWindow): string {
  return window === '24h' ? '24 h' : window === '7d' ? '7 days' : '30 days';
}

function describeAge(days: number): string {
  if (days < 1) return 'new today';
  const whole = Math.floor(days);
  return `${whole} ${whole === 1 ? 'day' : 'days'} old`;
}

/** "1 upvote", "1,500 views": a rounded count and its noun. */
export function plural(n: number, word: string): string {
  return `${formatCount(n)} ${n === 1 ? word : `${word}s`}`;
}

/** A count rounded and grouped the English way ("1,500"). */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
