import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import {
  decayPerHour,
  rankKey,
  scoreComponents,
  TRENDING_WINDOWS,
  WINDOW_HOURS,
  type Signal,
  type TrendingSettings,
} from '../domain/trending-score.ts';
import { readSetting, replaceScores, writeSetting, type ScoreRow } from './score.repository.ts';
import {
  papersWithExpiringScores,
  papersWithNewSignals,
  readBirthDates,
  readComments,
  readCountedVotes,
  readSourceUpvotes,
  readStarGains,
  readViews,
} from './signals.repository.ts';

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
  clock: Clock,
  settings: TrendingSettings,
  options: { full?: boolean } = {},
): Promise<RecomputeResult> {
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
  const changed = await papersWithNewSignals(db.kysely, {
    since: iso(since),
    votesSince: iso(since - newAccount),
    now: nowIso,
    oldEnoughBefore: iso(now - newAccount),
  });
  if (!full) for (const id of await papersWithExpiringScores(db.kysely, nowIso)) changed.add(id);
  const ids = [...changed];
  const rows = await computeRows(db, ids, now, settings);
  await db.kysely.transaction().execute(async (trx) => {
    await replaceScores(trx, full ? 'all' : ids, rows);
    await writeSetting(trx, LAST_RUN, nowIso);
    await writeSetting(trx, SETTINGS_USED, settingsKey);
  });
  return { mode: full ? 'full' : 'incremental', papers: ids.length, rows: rows.length };
}

/** Reads the signals of these papers and turns them into stored rows, one per window. */
async function computeRows(
  db: Db,
  ids: string[],
  now: number,
  s: TrendingSettings,
): Promise<ScoreRow[]> {
  if (ids.length === 0) return [];
  const from = now - WINDOW_HOURS['30d'] * HOUR;
  const signals = new Map<string, Signal[]>(ids.map((id) => [id, []]));
  const add = (paperId: string, signal: Signal) => signals.get(paperId)?.push(signal);
  const newAccount = s.newAccountHours * HOUR;
  const [votes, imported, comments, views, stars, born] = await Promise.all([
    readCountedVotes(db.kysely, ids, iso(from - newAccount), s.votesPerHour),
    readSourceUpvotes(db.kysely, ids),
    readComments(db.kysely, ids, iso(from)),
    readViews(db.kysely, ids, iso(from).slice(0, 10)),
    readStarGains(db.kysely, ids, iso(from)),
    readBirthDates(db.kysely, ids),
  ]);
  for (const v of votes) {
    // A young account's vote counts from the moment the account is old enough.
    const at = Math.max(Date.parse(v.created_at), Date.parse(v.user_created_at) + newAccount);
    add(v.paper_id, { kind: 'votes', at, amount: 1 });
  }
  for (const u of imported)
    add(u.paper_id, { kind: 'votes', at: dayStart(String(u.day)), amount: Number(u.upvotes) });
  for (const c of comments)
    add(c.paper_id, { kind: 'comments', at: Date.parse(c.created_at), amount: 1 });
  for (const v of views) add(v.paper_id, { kind: 'views', at: dayStart(v.day), amount: v.views });
  for (const g of stars)
    add(g.paper_id, { kind: 'stars', at: Date.parse(g.taken_at), amount: g.gained });

  const rows: ScoreRow[] = [];
  const computedAt = iso(now);
  for (const [paperId, list] of signals) {
    const bornText = born.get(paperId);
    if (bornText === undefined || list.length === 0) continue;
    const parsed = dayOrInstant(bornText);
    const bornAt = Number.isFinite(parsed) ? parsed : now;
    for (const window of TRENDING_WINDOWS) {
      const c = scoreComponents(list, now, window, s);
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
  return rows;
}

function scoreSettings(s: TrendingSettings): TrendingSettings {
  const { weights, halfLifeFraction, paperHalfLifeDays, newAccountHours, votesPerHour } = s;
  return { weights, halfLifeFraction, paperHalfLifeDays, newAccountHours, votesPerHour };
}

const iso = (ms: number) => new Date(ms).toISOString();
const dayStart = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
const dayOrInstant = (text: string) => (text.length <= 10 ? dayStart(text) : Date.parse(text));
