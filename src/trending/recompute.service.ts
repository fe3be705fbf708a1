import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import {
  decayPerHour,
  rankKey,
  scoreComponents,
  signalHalfLifeHours,
  TRENDING_WINDOWS,
  WINDOW_HOURS,
  type Signal,
  type TrendingWindow,
  type TrendingSettings,
} from '../domain/trending-score.ts';
import { readSetting, replaceScores, writeSetting, type ScoreRow } from './score.repository.ts';
import {
  papersWithExpiringScores,
  papersWithNewSignals,
  readBirthDates,
  readComments,
  readSourceUpvotes,
  readViews,
  readVotesSince,
  type VoteRow,
} from './signals.repository.ts';
import { readStarGainsByPaper } from './star-gains.repository.ts';
import { dataClock } from './data-clock.ts';

export interface RecomputeResult {
  /** `full` on the first run, when settings changed or when asked; `incremental` otherwise. */
  mode: 'full' | 'incremental';
  /** Papers whose scores were recomputed. */
  papers: number;
  /** Stored rows written (a paper has one per window it has signals in). */
  rows: number;
}

const HOUR = 3_600_000;
const LAST_RUN = 'trending.recomputed_at';
const SETTINGS_USED = 'trending.settings';
// Signals stored while a run reads are picked up by the next run through this overlap.
const OVERLAP_MS = 2 * 60_000;

/**
 * Brings stored trending scores up to date: recomputes only papers with signals recorded since
 * the last run or whose stored signals have left their window. Time passing alone needs no
 * work: stored rank keys already account for decay (see domain/trending-score.ts).
 */
export async function recomputeTrending(
  db: Db,
  systemClock: Clock,
  settings: TrendingSettings,
  options: { full?: boolean } = {},
): Promise<RecomputeResult> {
  // A demo store's windows end with its data (see dataClock), for the stored scores as for reads.
  const { clock } = await dataClock(db, systemClock);
  const now = clock.now().getTime();
  const nowIso = new Date(now).toISOString();
  const settingsKey = JSON.stringify(scoreSettings(settings));
  const [last, used] = await Promise.all([
    readSetting(db.kysely, LAST_RUN),
    readSetting(db.kysely, SETTINGS_USED),
  ]);
  const full = options.full === true || last === null || used !== settingsKey;
  const oldest = now - WINDOW_HOURS['30d'] * HOUR;
  const since = full ? oldest : Math.max(oldest, Date.parse(last) - OVERLAP_MS);
  const newAccount = settings.newAccountHours * HOUR;
  let ids: string[] | null = null;
  if (!full) {
    const changed = await papersWithNewSignals(db.kysely, {
      since: iso(since),
      votesSince: iso(since - newAccount),
      now: nowIso,
      oldEnoughBefore: iso(now - newAccount),
    });
    for (const id of await papersWithExpiringScores(db.kysely, nowIso)) changed.add(id);
    ids = [...changed];
  }
  const { rows, papers } = await computeRows(db, ids, now, settings);
  await db.kysely.transaction().execute(async (trx) => {
    await replaceScores(trx, ids ?? 'all', rows);
    await writeSetting(trx, LAST_RUN, nowIso);
    await writeSetting(trx, SETTINGS_USED, settingsKey);
  });
  return { mode: full ? 'full' : 'incremental', papers, rows: rows.length };
}

/**
 * Reads the signals of these papers (null: of every paper with a signal in the longest window)
 * and turns them into stored rows, one per window a paper has signals in.
 */
async function computeRows(
  db: Db,
  ids: string[] | null,
  now: number,
  s: TrendingSettings,
): Promise<{ rows: ScoreRow[]; papers: number }> {
  if (ids?.length === 0) return { rows: [], papers: 0 };
  const from = now - WINDOW_HOURS['30d'] * HOUR;
  const wanted = ids ? new Set(ids) : null;
  const signals = new Map<string, Signal[]>();
  const add = (paperId: string, signal: Signal) => {
    if (wanted && !wanted.has(paperId)) return;
    const list = signals.get(paperId);
    if (list) list.push(signal);
    else signals.set(paperId, [signal]);
  };
  const newAccount = s.newAccountHours * HOUR;
  const [votes, imported, comments, views, stars, born] = await Promise.all([
    readVotesSince(db.kysely, iso(from - newAccount)),
    readSourceUpvotes(db.kysely, ids),
    readComments(db.kysely, ids, iso(from)),
    readViews(db.kysely, ids, iso(from).slice(0, 10)),
    readStarGainsByPaper(db, ids, now, windowBounds(now, s)),
    readBirthDates(db.kysely, ids),
  ]);
  for (const v of countedVotes(votes, s.votesPerHour)) {
    // A young account's vote counts from the moment the account is old enough.
    const at = Math.max(Date.parse(v.created_at), Date.parse(v.user_created_at) + newAccount);
    add(v.paper_id, { kind: 'votes', at, amount: 1 });
  }
  for (const u of imported)
    add(u.paper_id, { kind: 'votes', at: dayStart(String(u.day)), amount: Number(u.upvotes) });
  for (const c of comments)
    add(c.paper_id, { kind: 'comments', at: Date.parse(c.created_at), amount: 1 });
  for (const v of views) add(v.paper_id, { kind: 'views', at: dayStart(v.day), amount: v.views });
  for (const paperId of stars.keys()) if (!signals.has(paperId)) signals.set(paperId, []);

  const rows: ScoreRow[] = [];
  const computedAt = iso(now);
  for (const [paperId, list] of signals) {
    const bornText = born.get(paperId);
    if (bornText === undefined) continue;
    const parsed = dayOrInstant(bornText);
    const bornAt = Number.isFinite(parsed) ? parsed : now;
    for (const window of TRENDING_WINDOWS) {
      const c = scoreComponents(list, now, window, s);
      const gains = stars.get(paperId)?.[window];
      if (gains) {
        c.signalSum += s.weights.stars * gains.decayed;
        c.starsGained += gains.gained;
        if (gains.earliest !== null) {
          const leaves = gains.earliest + WINDOW_HOURS[window] * HOUR;
          c.expiresAt = c.expiresAt === null ? leaves : Math.min(c.expiresAt, leaves);
        }
      }
      if (!(c.signalSum > 0) || c.expiresAt === null) continue;
      rows.push({
        span: window,
        paper_id: paperId,
        rank_key: rankKey(c.signalSum, bornAt, now, window, s),
        decay_rate: decayPerHour(window, s),
        signal_sum: c.signalSum,
        stars_gained: c.starsGained,
        upvotes: c.upvotes,
        comments: c.comments,
        views: c.views,
        born_at: iso(Math.min(bornAt, now)),
        computed_at: computedAt,
        expires_at: iso(c.expiresAt),
      });
    }
  }
  return { rows, papers: ids ? ids.length : signals.size };
}

/** Drops an account's votes beyond `perHour` in one clock hour; rows come in casting order. */
export function countedVotes(votes: readonly VoteRow[], perHour: number): VoteRow[] {
  const out: VoteRow[] = [];
  let bucket = '';
  let inBucket = 0;
  for (const v of votes) {
    const key = `${v.user_id}|${v.created_at.slice(0, 13)}`;
    if (key !== bucket) {
      bucket = key;
      inBucket = 0;
    }
    inBucket += 1;
    if (inBucket <= perHour) out.push(v);
  }
  return out;
}

function windowBounds(now: number, s: TrendingSettings) {
  const bounds = {} as Record<TrendingWindow, { start: number; halfLifeHours: number }>;
  for (const w of TRENDING_WINDOWS)
    bounds[w] = { start: now - WINDOW_HOURS[w] * HOUR, halfLifeHours: signalHalfLifeHours(w, s) };
  return bounds;
}

function scoreSettings(s: TrendingSettings): TrendingSettings {
  const { weights, halfLifeFraction, paperHalfLifeDays, newAccountHours, votesPerHour } = s;
  return { weights, halfLifeFraction, paperHalfLifeDays, newAccountHours, votesPerHour };
}

const iso = (ms: number) => new Date(ms).toISOString();
const dayStart = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
const dayOrInstant = (text: string) => (text.length <= 10 ? dayStart(text) : Date.parse(text));
