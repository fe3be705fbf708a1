import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import {
  formatCount,
  plural,
  signalHalfLifeHours,
  TRENDING_WINDOWS,
  WINDOW_HOURS,
  windowSpan,
  type TrendingSettings,
  type TrendingWindow,
  type WindowSum,
} from '../../domain/trending-score.ts';
import { defineSignal, HOUR, iso, type SignalSums } from './signal.ts';

type Executor = Db['kysely'];

// How a trending card names the window ("+412 stars this week").
const READER_SPAN: Record<TrendingWindow, string> = {
  '24h': 'today',
  '7d': 'this week',
  '30d': 'this month',
};

/**
 * GitHub stars gained by the paper's code repository during the window, from the star history
 * the GitHub sync keeps (`star_snapshots.gained`).
 */
export const githubStars = defineSignal({
  kind: 'stars',
  field: 'starsGained',
  weight: { default: 0.5, variable: 'FOLIO_TRENDING_WEIGHT_STARS' },
  about: {
    position: 2,
    short: 'GitHub stars',
    label: 'GitHub stars gained',
    text: (w) =>
      ` by the paper's code repository during the window: ${w} point per star. Folio checks linked repositories regularly, more often while they gain stars or their paper is new.`,
  },
  explain: (n, window) => `+${formatCount(n)} ★ in ${windowSpan(window)}`,
  reason: (n, window) => `+${plural(n, 'star')} ${READER_SPAN[window]}`,
  changedSince: ({ since }) => sql<{ paper_id: string }>`
    select p.id as paper_id from star_snapshots s
      join repos r on r.id = s.repo_id
      join papers p on p.code_repo = r.code_repo
      where s.taken_at > ${iso(since)}`,
  read: ({ db, paperIds, now, settings }) => readStarGainsByPaper(db, paperIds, now, settings),
});

/**
 * Star gains per paper and window, summed and decayed by the store from the snapshots (one
 * grouped range scan, instead of carrying every snapshot into the process).
 */
async function readStarGainsByPaper(
  db: Db,
  paperIds: readonly string[] | null,
  now: number,
  settings: TrendingSettings,
): Promise<SignalSums> {
  const windows = windowBounds(now, settings);
  const links = await readLinks(db.kysely, paperIds);
  const repoIds = [...new Set(links.map((l) => l.repo_id))];
  const out: SignalSums = new Map();
  if (paperIds && repoIds.length === 0) return out;
  const epoch = epochSeconds(db, sql.ref('taken_at'));
  const nowSec = now / 1000;
  const columns = TRENDING_WINDOWS.map((w) => {
    const inWindow = sql`taken_at > ${new Date(windows[w].start).toISOString()}`;
    const halfLife = windows[w].halfLifeHours * 3600;
    return sql`
      sum(case when ${inWindow} then gained * power(2.0, (${epoch} - cast(${nowSec} as double precision)) / cast(${halfLife} as double precision)) else 0 end) as ${sql.raw(`d_${w.replace(/\W/g, '')}`)},
      sum(case when ${inWindow} then gained else 0 end) as ${sql.raw(`g_${w.replace(/\W/g, '')}`)},
      min(case when ${inWindow} then taken_at end) as ${sql.raw(`m_${w.replace(/\W/g, '')}`)}`;
  });
  const oldest = new Date(Math.min(...TRENDING_WINDOWS.map((w) => windows[w].start))).toISOString();
  const nowIso = new Date(now).toISOString();
  type Row = { repo_id: number } & Record<string, number | string | null>;
  const read = async (ids: number[] | null) => {
    const only = ids ? sql`and repo_id in (${sql.join(ids)})` : sql``;
    const { rows } = await sql<Row>`
      select repo_id, ${sql.join(columns)}
      from star_snapshots
      where taken_at > ${oldest} and taken_at <= ${nowIso} and gained > 0 ${only}
      group by repo_id`.execute(db.kysely);
    return rows;
  };
  const rows: Row[] = [];
  if (paperIds)
    for (let i = 0; i < repoIds.length; i += 500)
      rows.push(...(await read(repoIds.slice(i, i + 500))));
  else rows.push(...(await read(null)));

  const byRepo = new Map<number, Partial<Record<TrendingWindow, WindowSum>>>();
  for (const row of rows) {
    const gains: Partial<Record<TrendingWindow, WindowSum>> = {};
    for (const w of TRENDING_WINDOWS) {
      const key = w.replace(/\W/g, '');
      const gained = Number(row[`g_${key}`] ?? 0);
      if (gained > 0)
        gains[w] = {
          decayed: Number(row[`d_${key}`]),
          count: gained,
          earliest: row[`m_${key}`] ? Date.parse(String(row[`m_${key}`])) : null,
        };
    }
    byRepo.set(Number(row.repo_id), gains);
  }
  for (const link of links) {
    const gains = byRepo.get(Number(link.repo_id));
    if (gains) out.set(link.paper_id, gains);
  }
  return out;
}

async function readLinks(db: Executor, paperIds: readonly string[] | null) {
  const query = db
    .selectFrom('papers as p')
    .innerJoin('repos as r', 'r.code_repo', 'p.code_repo')
    .select(['p.id as paper_id', 'r.id as repo_id']);
  if (!paperIds) return query.execute();
  const out: { paper_id: string; repo_id: number }[] = [];
  for (let i = 0; i < paperIds.length; i += 500)
    out.push(...(await query.where('p.id', 'in', paperIds.slice(i, i + 500)).execute()));
  return out;
}

/** Seconds since the Unix epoch of an ISO-8601 text column, in each dialect's words. */
function epochSeconds(db: Db, column: RawBuilder<unknown> | ReturnType<typeof sql.ref>) {
  return db.dialect === 'sqlite'
    ? sql`((julianday(${column}) - 2440587.5) * 86400.0)`
    : sql`extract(epoch from cast(${column} as timestamptz))`;
}

function windowBounds(now: number, s: TrendingSettings) {
  const bounds = {} as Record<TrendingWindow, { start: number; halfLifeHours: number }>;
  for (const w of TRENDING_WINDOWS)
    bounds[w] = { start: now - WINDOW_HOURS[w] * HOUR, halfLifeHours: signalHalfLifeHours(w, s) };
  return bounds;
}
