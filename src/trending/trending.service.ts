import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { badRequest } from '../domain/errors.ts';
import { githubFullName } from '../domain/code-links.ts';
import type { Paper } from '../domain/paper.ts';
import {
  explainTrending,
  scoreFromRankKey,
  TRENDING_WINDOWS,
  WINDOW_HOURS,
  type TrendingWindow,
} from '../domain/trending-score.ts';
import { paperFromRow } from '../papers/paper.mapper.ts';
import { dataClock } from './data-clock.ts';
import {
  countMostUpvoted,
  countStoredTrending,
  hasStoredScores,
  readMostUpvoted,
  readPaperScores,
  readStoredTrending,
  type TrendingFilter,
  type UpvotedRow,
  type StoredTrendingRow,
  type PaperScoreRow,
} from './trending.repository.ts';

export type { TrendingWindow };

/** Why a paper is trending: the counts behind its score, and the sentence cards show. */
export interface TrendingExplanation {
  starsGained: number;
  upvotes: number;
  comments: number;
  views: number;
  ageDays: number;
  /** "+320 ★ in 24 h · 41 upvotes · 2 days old" */
  text: string;
}

/** One paper on the trending list. */
export interface TrendingItem {
  paper: Paper;
  score: number;
  /** 1-based position in the whole list (offset included). */
  rank: number;
  explanation: TrendingExplanation;
  /** Current `owner/name` on GitHub (after renames), when the paper links a GitHub repository. */
  githubRepo: string | null;
  githubStars: number | null;
}

export interface TrendingOptions {
  window: TrendingWindow;
  /** An arXiv category such as `cs.CL`, matched among all of a paper's categories. */
  category?: string;
  hasCode?: boolean;
  /** Only papers that first appeared within this many days. */
  publishedWithinDays?: number;
  limit: number;
  offset?: number;
}

const DAY = 86_400_000;
const CATEGORY = /^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$/;

/**
 * The trending list, read from stored scores (the scheduled recompute keeps them fresh; a
 * request never recomputes). Before the first recompute it falls back to the window's most
 * upvoted papers. The site, the digest and the API all read this one ranking.
 */
export async function listTrending(
  db: Db,
  systemClock: Clock,
  options: TrendingOptions,
): Promise<TrendingItem[]> {
  const { clock } = await dataClock(db, systemClock);
  const filter = checkOptions(options, clock.now());
  const now = clock.now().getTime();
  if (await hasStoredScores(db.kysely, options.window)) {
    const rows = await readStoredTrending(db.kysely, filter);
    return rows.map((row, i) => fromStored(row, filter.offset + i + 1, options.window, now));
  }
  const since = new Date(now - WINDOW_HOURS[options.window] * 3_600_000).toISOString();
  const rows = await readMostUpvoted(db.kysely, { ...filter, since });
  return rows.map((row, i) => fromUpvoted(row, filter.offset + i + 1, options.window, now));
}

/** How many papers the trending list has with these filters (limit and offset are ignored). */
export async function countTrending(
  db: Db,
  systemClock: Clock,
  options: Omit<TrendingOptions, 'limit' | 'offset'>,
): Promise<number> {
  const { clock } = await dataClock(db, systemClock);
  const filter = checkOptions({ ...options, limit: 1 }, clock.now());
  if (await hasStoredScores(db.kysely, options.window))
    return countStoredTrending(db.kysely, filter);
  const since = new Date(
    clock.now().getTime() - WINDOW_HOURS[options.window] * 3_600_000,
  ).toISOString();
  return countMostUpvoted(db.kysely, { ...filter, since });
}

/** One paper's current score and explanation in each window it trends in (for its page). */
export async function trendingScoreOf(
  db: Db,
  systemClock: Clock,
  paperId: string,
): Promise<Partial<Record<TrendingWindow, { score: number; explanation: TrendingExplanation }>>> {
  const { clock } = await dataClock(db, systemClock);
  const now = clock.now().getTime();
  const out: Partial<Record<TrendingWindow, { score: number; explanation: TrendingExplanation }>> =
    {};
  for (const row of await readPaperScores(db.kysely, paperId)) {
    const window = parseTrendingWindow(row.span);
    if (!window) continue;
    const counts = storedCounts(row, now);
    out[window] = {
      score: scoreFromRankKey(Number(row.rank_key), Number(row.decay_rate), now),
      explanation: { ...counts, text: explainTrending(counts, window) },
    };
  }
  return out;
}

/** Parses a window name from a URL or flag; null when it is not one. */
export function parseTrendingWindow(value: string | undefined | null): TrendingWindow | null {
  return TRENDING_WINDOWS.find((w) => w === value) ?? null;
}

function checkOptions(o: TrendingOptions, now: Date): TrendingFilter {
  if (!TRENDING_WINDOWS.includes(o.window))
    throw badRequest('invalid_window', 'window: expected 24h, 7d or 30d');
  if (o.category !== undefined && !CATEGORY.test(o.category))
    throw badRequest('invalid_category', 'category: expected an arXiv category such as cs.CL');
  if (!Number.isInteger(o.limit) || o.limit < 1 || o.limit > 1000)
    throw badRequest('invalid_limit', 'limit: expected a whole number from 1 to 1000');
  const offset = o.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > 100_000)
    throw badRequest('invalid_offset', 'offset: expected a whole number from 0 to 100000');
  const days = o.publishedWithinDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 36_500))
    throw badRequest('invalid_published_within', 'published within: expected a number of days');
  return {
    span: o.window,
    ...(o.category ? { category: o.category } : {}),
    ...(o.hasCode ? { hasCode: true } : {}),
    ...(days ? { bornSince: new Date(now.getTime() - days * DAY).toISOString() } : {}),
    limit: o.limit,
    offset,
  };
}

function fromStored(
  row: StoredTrendingRow,
  rank: number,
  window: TrendingWindow,
  now: number,
): TrendingItem {
  const counts = storedCounts(row, now);
  return {
    ...withRepo(row),
    score: scoreFromRankKey(Number(row.rank_key), Number(row.decay_rate), now),
    rank,
    explanation: { ...counts, text: explainTrending(counts, window) },
  };
}

function storedCounts(row: Omit<PaperScoreRow, 'span'>, now: number) {
  return {
    starsGained: Number(row.stars_gained),
    upvotes: Number(row.upvotes),
    comments: Number(row.comments),
    views: Number(row.views),
    ageDays: Math.max(0, (now - Date.parse(row.born_at)) / DAY),
  };
}

function fromUpvoted(row: UpvotedRow, rank: number, window: TrendingWindow, now: number) {
  const born = row.published_at ?? row.listing_date ?? row.created_at;
  const counts = {
    starsGained: 0,
    upvotes: Number(row.upvotes),
    comments: Number(row.comments),
    views: 0,
    ageDays: Math.max(0, (now - Date.parse(born)) / DAY),
  };
  return {
    ...withRepo(row),
    score: counts.upvotes,
    rank,
    explanation: { ...counts, text: explainTrending(counts, window) },
  };
}

function withRepo(
  row: StoredTrendingRow | UpvotedRow,
): Pick<TrendingItem, 'paper' | 'githubRepo' | 'githubStars'> {
  const paper = paperFromRow(row);
  return {
    paper,
    githubRepo: row.repo_full_name ?? githubFullName(paper.codeRepo),
    githubStars: row.repo_stars === null ? null : Number(row.repo_stars),
  };
}
