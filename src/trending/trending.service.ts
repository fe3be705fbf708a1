import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { githubFullName } from '../domain/code-links.ts';
import type { Paper } from '../domain/paper.ts';
import { scoreFromRankKey, WINDOW_HOURS, type TrendingWindow } from '../domain/trending-score.ts';
import { paperFromRow } from '../papers/paper.mapper.ts';
import { dataClock } from './data-clock.ts';
import { countsByField, explainCounts, type SignalCounts } from './signals/index.ts';
import {
  parseTrendingQuery,
  parseTrendingWindow,
  type TrendingQueryInput,
} from './trending-query.ts';
import {
  countMostUpvoted,
  countStoredTrending,
  hasStoredScores,
  readMostUpvoted,
  readPaperScores,
  readStoredTrending,
  unpackCounts,
  type TrendingFilter,
  type UpvotedRow,
  type StoredTrendingRow,
  type PaperScoreRow,
} from './trending.repository.ts';

export type { TrendingWindow };

/**
 * Why a paper is trending: the count behind its score of each registered signal (`starsGained`,
 * `upvotes`, `comments`, `views`), its age, and the sentence cards show.
 */
export type TrendingExplanation = SignalCounts & {
  ageDays: number;
  /** "+320 ★ in 24 h · 41 upvotes · 2 days old" */
  text: string;
};

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

/** What to list: a window, filters and a page (see `TrendingQuerySchema`). */
export type TrendingOptions = TrendingQueryInput & { window: TrendingWindow; limit: number };

const DAY = 86_400_000;

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
    out[window] = {
      score: scoreFromRankKey(Number(row.rank_key), Number(row.decay_rate), now),
      explanation: storedExplanation(row, window, now),
    };
  }
  return out;
}

function checkOptions(options: TrendingOptions, now: Date): TrendingFilter {
  const o = parseTrendingQuery(options);
  const days = o.publishedWithinDays;
  return {
    span: o.window,
    ...(o.category ? { category: o.category } : {}),
    ...(o.hasCode ? { hasCode: true } : {}),
    ...(days ? { bornSince: new Date(now.getTime() - days * DAY).toISOString() } : {}),
    limit: o.limit,
    offset: o.offset,
  };
}

function fromStored(
  row: StoredTrendingRow,
  rank: number,
  window: TrendingWindow,
  now: number,
): TrendingItem {
  return {
    ...withRepo(row),
    score: scoreFromRankKey(Number(row.rank_key), Number(row.decay_rate), now),
    rank,
    explanation: storedExplanation(row, window, now),
  };
}

function storedExplanation(
  row: Pick<PaperScoreRow, 'born_at' | 'signal_counts'>,
  window: TrendingWindow,
  now: number,
): TrendingExplanation {
  const ageDays = Math.max(0, (now - Date.parse(row.born_at)) / DAY);
  return explanation(countsByField(unpackCounts(row.signal_counts)), ageDays, window);
}

function explanation(counts: SignalCounts, ageDays: number, window: TrendingWindow) {
  return { ...counts, ageDays, text: explainCounts(counts, ageDays, window) };
}

function fromUpvoted(row: UpvotedRow, rank: number, window: TrendingWindow, now: number) {
  const born = row.published_at ?? row.listing_date ?? row.created_at;
  const counts = countsByField({ votes: Number(row.upvotes), comments: Number(row.comments) });
  return {
    ...withRepo(row),
    score: counts.upvotes,
    rank,
    explanation: explanation(counts, Math.max(0, (now - Date.parse(born)) / DAY), window),
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
