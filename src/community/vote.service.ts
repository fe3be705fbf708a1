import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { notFound } from '../domain/errors.ts';
import { findPaper } from '../papers/paper.repository.ts';
import { countUpvotes, deleteVote, insertVote, votedPaperIds } from './vote.repository.ts';
import { requireActive } from './user.service.ts';
import type { User } from './user.ts';

/** Where a paper's upvote stands for one member after a toggle. */
export interface VoteState {
  voted: boolean;
  upvotes: number;
}

/**
 * Toggles a member's upvote: `want` true adds it, false removes it, undefined flips it.
 * One vote per member per paper, whatever arrives twice.
 */
export async function toggleVote(
  db: Db,
  clock: Clock,
  user: User | null,
  paperId: string,
  want?: boolean,
): Promise<VoteState> {
  const member = requireActive(user);
  if (!(await findPaper(db.kysely, paperId))) throw notFound(`There is no paper ${paperId} here.`);
  let voted: boolean;
  if (want === true) {
    await insertVote(db.kysely, member.id, paperId, clock.now().toISOString());
    voted = true;
  } else if (want === false) {
    await deleteVote(db.kysely, member.id, paperId);
    voted = false;
  } else {
    voted = !(await deleteVote(db.kysely, member.id, paperId));
    if (voted) await insertVote(db.kysely, member.id, paperId, clock.now().toISOString());
  }
  return { voted, upvotes: await countUpvotes(db.kysely, paperId) };
}

/** The papers a member upvoted, newest vote first (their personal feed). */
export function recentUpvotes(db: Db, userId: number, limit: number): Promise<string[]> {
  return votedPaperIds(db.kysely, userId, limit);
}
