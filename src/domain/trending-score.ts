/**
 * The trending score, as pure arithmetic.
 *
 *   score = paperAge × Σ over signals in the window of  weight × amount × ½^(signal age / h)
 *
 * - signals: stars gained (per snapshot), upvotes (members' and imported), comments, and page
 *   views (per day, counted as log(1 + views) so a flood of views cannot outweigh people);
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

/** How much one unit of each signal is worth. */
export interface TrendingWeights {
  stars: number;
  votes: number;
  comments: number;
  views: number;
}

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

export const DEFAULT_TRENDING_SETTINGS: TrendingSettings = {
  weights: { stars: 0.5, votes: 1, comments: 0.5, views: 0.25 },
  halfLifeFraction: 0.5,
  paperHalfLifeDays: 7,
  newAccountHours: 24,
  votesPerHour: 30,
};

export type SignalKind = 'stars' | 'votes' | 'comments' | 'views';

/** One timestamped signal: stars gained at a snapshot, one vote or comment, a day's views. */
export interface Signal {
  kind: SignalKind;
  /** When it happened, in milliseconds since the Unix epoch. */
  at: number;
  /** Stars gained, votes (1, or an imported count), comments (1) or views that day. */
  amount: number;
}

/** What the stored row of one paper in one window holds. */
export interface ScoreComponents {
  /** Σ weight × value × decay, evaluated at `computedAt` (before the paper-age factor). */
  signalSum: number;
  starsGained: number;
  upvotes: number;
  comments: number;
  views: number;
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

/** Sums the signals that fall in the window ending at `now`, each weighted and decayed. */
export function scoreComponents(
  signals: readonly Signal[],
  now: number,
  window: TrendingWindow,
  s: TrendingSettings,
): ScoreComponents {
  const start = now - WINDOW_HOURS[window] * HOUR;
  const halfLife = signalHalfLifeHours(window, s) * HOUR;
  const out: ScoreComponents = {
    signalSum: 0,
    starsGained: 0,
    upvotes: 0,
    comments: 0,
    views: 0,
    expiresAt: null,
  };
  for (const signal of signals) {
    if (!(signal.at > start && signal.at <= now) || !(signal.amount > 0)) continue;
    const value = signal.kind === 'views' ? Math.log1p(signal.amount) : signal.amount;
    out.signalSum += s.weights[signal.kind] * value * 2 ** (-(now - signal.at) / halfLife);
    if (signal.kind === 'stars') out.starsGained += signal.amount;
    else if (signal.kind === 'votes') out.upvotes += signal.amount;
    else if (signal.kind === 'comments') out.comments += signal.amount;
    else out.views += signal.amount;
    const leaves = signal.at + WINDOW_HOURS[window] * HOUR;
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

/** "+320 ★ in 24 h · 41 upvotes · 2 days old": why a paper is on the list. */
export function explainTrending(
  c: { starsGained: number; upvotes: number; comments: number; views: number; ageDays: number },
  window: TrendingWindow,
): string {
  const span = window === '24h' ? '24 h' : window === '7d' ? '7 days' : '30 days';
  const parts: string[] = [];
  if (c.starsGained > 0) parts.push(`+${formatCount(c.starsGained)} ★ in ${span}`);
  if (c.upvotes > 0) parts.push(plural(c.upvotes, 'upvote'));
  if (c.comments > 0) parts.push(plural(c.comments, 'comment'));
  if (c.views > 0) parts.push(plural(c.views, 'view'));
  parts.push(describeAge(c.ageDays));
  return parts.join(' · ');
}

function describeAge(days: number): string {
  if (days < 1) return 'new today';
  const whole = Math.floor(days);
  return `${whole} ${whole === 1 ? 'day' : 'days'} old`;
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${n === 1 ? word : `${word}s`}`;
}

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
