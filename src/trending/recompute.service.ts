import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import {
  combineSignals,
  decayPerHour,
  rankKey,
  TRENDING_WINDOWS,
  WINDOW_HOURS,
  type TrendingSettings,
  type WindowSum,
} from '../domain/trending-score.ts';
import { readSetting, replaceScores, writeSetting, type StoredScore } from './score.repository.ts';
import { TRENDING_SIGNALS } from './signals/index.ts';
import {
  papersWithExpiringScores,
  papersWithNewSignals,
  readBirthDates,
} from './signals.repository.ts';
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
  let ids: string[] | null = null;
  if (!full) {
    const changed = await papersWithNewSignals(
      db.kysely,
      TRENDING_SIGNALS.map((signal) => signal.changedSince({ since, now, settings })),
    );
    for (const id of await papersWithExpiringScores(db.kysely, nowIso)) changed.add(id);
    ids = [...changed];
  }
  const { scores, papers } = await computeScores(db, ids, now, settings);
  await db.kysely.transaction().execute(async (trx) => {
    await replaceScores(trx, ids ?? 'all', scores);
    await writeSetting(trx, LAST_RUN, nowIso);
    await writeSetting(trx, SETTINGS_USED, settingsKey);
  });
  return { mode: full ? 'full' : 'incremental', papers, rows: scores.length };
}

/**
 * Reads every registered signal of these papers (null: of every paper with a signal in the
 * longest window) and turns them into stored rows, one per window a paper has signals in.
 */
async function computeScores(
  db: Db,
  ids: string[] | null,
  now: number,
  s: TrendingSettings,
): Promise<{ scores: StoredScore[]; papers: number }> {
  if (ids?.length === 0) return { scores: [], papers: 0 };
  const [born, ...sums] = await Promise.all([
    readBirthDates(db.kysely, ids),
    ...TRENDING_SIGNALS.map((signal) => signal.read({ db, paperIds: ids, now, settings: s })),
  ]);
  const papers = new Set<string>();
  for (const bySignal of sums) for (const paperId of bySignal.keys()) papers.add(paperId);

  const scores: StoredScore[] = [];
  const computedAt = iso(now);
  for (const paperId of papers) {
    const bornText = born.get(paperId);
    if (bornText === undefined) continue;
    const parsed = dayOrInstant(bornText);
    const bornAt = Number.isFinite(parsed) ? parsed : now;
    for (const window of TRENDING_WINDOWS) {
      const parts: { kind: string; weight: number; sum: WindowSum }[] = [];
      TRENDING_SIGNALS.forEach((signal, i) => {
        const sum = sums[i]!.get(paperId)?.[window];
        if (sum) parts.push({ kind: signal.kind, weight: s.weights[signal.kind] ?? 0, sum });
      });
      const c = combineSignals(parts, window);
      if (!(c.signalSum > 0) || c.expiresAt === null) continue;
      scores.push({
        row: {
          span: window,
          paper_id: paperId,
          rank_key: rankKey(c.signalSum, bornAt, now, window, s),
          decay_rate: decayPerHour(window, s),
          signal_sum: c.signalSum,
          born_at: iso(Math.min(bornAt, now)),
          computed_at: computedAt,
          expires_at: iso(c.expiresAt),
        },
        counts: Object.fromEntries(parts.map((p) => [p.kind, p.sum.count])),
      });
    }
  }
  return { scores, papers: ids ? ids.length : papers.size };
}

function scoreSettings(s: TrendingSettings): TrendingSettings {
  const { weights, halfLifeFraction, paperHalfLifeDays, newAccountHours, votesPerHour } = s;
  return { weights, halfLifeFraction, paperHalfLifeDays, newAccountHours, votesPerHour };
}

const iso = (ms: number) => new Date(ms).toISOString();
const dayStart = (day: string) => Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
const dayOrInstant = (text: string) => (text.length <= 10 ? dayStart(text) : Date.parse(text));
