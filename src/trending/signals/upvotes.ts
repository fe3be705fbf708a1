import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { plural, WINDOW_HOURS, type SignalEvent } from '../../domain/trending-score.ts';
import { byPaper, chunked, dayStart, defineSignal, HOUR, iso, sumEvents } from './signal.ts';

type Executor = Db['kysely'];

/**
 * Upvotes: members' votes (under the fairness rules) and upvotes a source such as Hugging Face
 * reported for its daily list.
 */
export const upvotes = defineSignal({
  kind: 'votes',
  field: 'upvotes',
  weight: { default: 1, variable: 'FOLIO_TRENDING_WEIGHT_VOTES' },
  about: {
    position: 1,
    short: 'upvotes',
    label: 'Upvotes',
    text: (w) =>
      ` from members, and upvotes imported from Hugging Face daily papers: ${w} point each.`,
  },
  explain: (n) => plural(n, 'upvote'),
  reason: (n) => plural(n, 'upvote'),
  // A vote takes effect when cast or, from a young account, when the account becomes old enough.
  changedSince: ({ since, now, settings }) => {
    const age = settings.newAccountHours * HOUR;
    const [from, votesSince, to, oldEnoughBefore] = [since, since - age, now, now - age].map(iso);
    return sql<{ paper_id: string }>`
      select v.paper_id from votes v join users u on u.id = v.user_id
        where v.created_at > ${votesSince} and v.created_at <= ${to}
          and u.created_at <= ${oldEnoughBefore}
          and (v.created_at > ${from} or u.created_at > ${votesSince})
      union select paper_id from daily_entries where created_at > ${from}
      union select paper_id from daily_entries where upvotes_changed_at > ${from}`;
  },
  read: async ({ db, paperIds, now, settings }) => {
    const age = settings.newAccountHours * HOUR;
    const from = now - WINDOW_HOURS['30d'] * HOUR - age;
    const [votes, imported] = await Promise.all([
      readVotesSince(db.kysely, iso(from)),
      readSourceUpvotes(db.kysely, paperIds),
    ]);
    const wanted = paperIds ? new Set(paperIds) : null;
    const counted = countedVotes(votes, settings.votesPerHour).filter(
      (v) => !wanted || wanted.has(v.paper_id),
    );
    const events: { paper_id: string; event: SignalEvent }[] = [
      ...counted.map((v) => ({
        paper_id: v.paper_id,
        // A young account's vote counts from the moment the account is old enough.
        event: {
          at: Math.max(Date.parse(v.created_at), Date.parse(v.user_created_at) + age),
          amount: 1,
        },
      })),
      ...imported.map((u) => ({
        paper_id: u.paper_id,
        event: { at: dayStart(String(u.day)), amount: Number(u.upvotes) },
      })),
    ];
    return sumEvents(
      byPaper(
        events,
        (e) => e.paper_id,
        (e) => e.event,
      ),
      now,
      settings,
    );
  },
});

export interface VoteRow {
  user_id: number;
  paper_id: string;
  created_at: string;
  user_created_at: string;
}

/**
 * Every vote cast after `since` by an account that is not suspended, in each account's casting
 * order (the per-hour limit is applied by `countedVotes`). One range scan, whichever papers changed.
 */
async function readVotesSince(db: Executor, since: string): Promise<VoteRow[]> {
  return db
    .selectFrom('votes as v')
    .innerJoin('users as u', 'u.id', 'v.user_id')
    .select(['v.user_id', 'v.paper_id', 'v.created_at', 'u.created_at as user_created_at'])
    .where('v.created_at', '>', since)
    .where('u.status', '<>', 'suspended')
    .orderBy('v.user_id')
    .orderBy('v.created_at')
    .orderBy('v.paper_id')
    .execute();
}

/** Upvotes a source such as Hugging Face reported, with the first day it listed the paper. */
async function readSourceUpvotes(db: Executor, paperIds: readonly string[] | null) {
  const query = db
    .selectFrom('daily_entries')
    .select((eb) => [
      'paper_id',
      eb.fn.min('day').as('day'),
      eb.fn.max('source_upvotes').as('upvotes'),
    ])
    .where('source_upvotes', '>', 0)
    .groupBy('paper_id');
  return paperIds
    ? chunked(paperIds, (ids) => query.where('paper_id', 'in', ids).execute())
    : query.execute();
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
