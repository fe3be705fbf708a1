import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { dayPeriod, weekPeriod, type Period } from '../domain/periods.ts';
import { listPeriod } from '../papers/daily-list.ts';
import { listTrending } from '../trending/trending.service.ts';
import type { Clock } from '../domain/clock.ts';
import { dayTitle, type DigestPaperView } from './digest-view.ts';
import { createRowRenderer } from './render/digest-html.tsx';
import { toMatchable, type MatchablePaper } from './topics.ts';
import type { Frequency } from './subscriber.ts';

/** A period's papers, loaded once per run and shared by every subscriber of that period. */
export interface PeriodContent {
  /** `daily:2026-07-01` or `weekly:2026-W26`: with the subscriber, what makes a digest unique. */
  key: string;
  period: Period;
  /** `Wednesday 1 July 2026` or `the week of 22 June 2026`. */
  title: string;
  /** The top of the period, best first, with why each is there. */
  trending: { paper: MatchablePaper; reason: string | null }[];
  /** Every paper of the period, best first, for topic matching. */
  papers: MatchablePaper[];
  /** What the search service found for each keyword or query over the period, filled as needed. */
  searchHits: Map<string, ReadonlySet<string> | null>;
  /** Papers as digests show them, by id, and their HTML rows: each made once per run. */
  views: Map<string, DigestPaperView>;
  renderRow: (paper: DigestPaperView) => string;
}

/** How many trending papers a digest leads with, and at most how many topic matches follow. */
export const DIGEST_SIZES: Record<Frequency, { trending: number; topical: number }> = {
  daily: { trending: 5, topical: 10 },
  weekly: { trending: 10, topical: 20 },
};

/** The latest listing day on or before `day` that has papers, or null. */
export async function latestListingDayOnOrBefore(db: Db, day: string): Promise<string | null> {
  const { rows } = await sql<{ day: string | null }>`
    select max(d) as day from (
      select max(listing_date) as d from papers where listing_date <= ${day}
      union all
      select max(day) as d from daily_entries where day <= ${day}
    ) days`.execute(db.kysely);
  return rows[0]?.day ?? null;
}

/**
 * Loads a period's papers in list order (upvotes, then when added). Its trending papers are the
 * trending service's top of the matching window at `now`, filled up from the top of the list
 * when fewer papers have signals than a digest shows.
 */
export async function loadPeriodContent(
  db: Db,
  clock: Clock,
  frequency: Frequency,
  label: string,
): Promise<PeriodContent> {
  const period = frequency === 'daily' ? dayPeriod(label) : weekPeriod(label);
  const listed = await listPeriod(db, period, { limit: 20_000, sort: 'upvotes' });
  const papers = listed.map((l) => toMatchable(l.paper));
  const size = DIGEST_SIZES[frequency].trending;
  const ranked = await listTrending(db, clock, {
    window: frequency === 'daily' ? '24h' : '7d',
    limit: size,
  });
  const trending: PeriodContent['trending'] = ranked.map((item) => ({
    paper: toMatchable(item.paper),
    reason: item.explanation.text || null,
  }));
  const taken = new Set(trending.map((t) => t.paper.paper.id));
  for (let i = 0; i < listed.length && trending.length < size; i++) {
    const l = listed[i]!;
    if (taken.has(l.paper.id)) continue;
    trending.push({
      paper: papers[i]!,
      reason: l.upvotes > 0 ? `${l.upvotes} upvote${l.upvotes === 1 ? '' : 's'}` : null,
    });
  }
  const start = dayTitle(period.from);
  return {
    key: `${frequency}:${label}`,
    period,
    title: frequency === 'daily' ? start : `the week of ${start.replace(/^\w+ /, '')}`,
    trending,
    papers,
    searchHits: new Map(),
    views: new Map(),
    renderRow: createRowRenderer(),
  };
}
