import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { canCurate, type User } from '../community/user.ts';
import { AppError, badRequest, notFound } from '../domain/errors.ts';
import {
  deleteExclusion,
  findExclusionRow,
  listExclusionRows,
  paperExists,
  upsertExclusion,
  type ExclusionRow,
} from './exclusion.repository.ts';

/** A paper kept off the trending list by a curator, and why. */
export interface TrendingExclusion {
  paperId: string;
  reason: string;
  excludedBy: number | null;
  createdAt: string;
}

export const EXCLUSION_REASON_MAX = 500;

/** Keeps a paper off every trending list from the next read on; replaces an earlier reason. */
export async function excludeFromTrending(
  db: Db,
  clock: Clock,
  input: { paperId: string; reason: string; by: number | null },
): Promise<TrendingExclusion> {
  const reason = input.reason.trim();
  if (reason.length === 0) throw badRequest('reason_required', 'Give a reason for the exclusion.');
  if (reason.length > EXCLUSION_REASON_MAX)
    throw badRequest(
      'reason_too_long',
      `The reason is longer than ${EXCLUSION_REASON_MAX} characters.`,
    );
  if (!(await paperExists(db.kysely, input.paperId)))
    throw notFound(`Paper ${input.paperId} is not in the store.`);
  const row = {
    paper_id: input.paperId,
    reason,
    excluded_by: input.by,
    created_at: clock.now().toISOString(),
  };
  await upsertExclusion(db.kysely, row);
  return toExclusion(row);
}

/**
 * What the site calls when a curator or admin takes a paper off trending (with a reason) or
 * puts it back; anyone else gets a 403.
 */
export async function curateTrendingExclusion(
  db: Db,
  clock: Clock,
  user: User | null,
  input: { paperId: string; exclude: boolean; reason: string },
): Promise<void> {
  if (!user) throw new AppError(401, 'sign_in_required', 'Sign in as a curator to do this.');
  if (!canCurate(user))
    throw new AppError(403, 'forbidden', 'Only curators can take papers off trending.');
  if (input.exclude)
    await excludeFromTrending(db, clock, {
      paperId: input.paperId,
      reason: input.reason,
      by: user.id,
    });
  else await includeInTrending(db, input.paperId);
}

/** Lets an excluded paper back onto the trending lists; false when it was not excluded. */
export function includeInTrending(db: Db, paperId: string): Promise<boolean> {
  return deleteExclusion(db.kysely, paperId);
}

/** The exclusion of one paper, if any. */
export async function findExclusion(db: Db, paperId: string): Promise<TrendingExclusion | null> {
  const row = await findExclusionRow(db.kysely, paperId);
  return row ? toExclusion(row) : null;
}

/** Every exclusion, newest first. */
export async function listExclusions(db: Db, limit = 200): Promise<TrendingExclusion[]> {
  return (await listExclusionRows(db.kysely, limit)).map(toExclusion);
}

function toExclusion(row: ExclusionRow): TrendingExclusion {
  return {
    paperId: row.paper_id,
    reason: row.reason,
    excludedBy: row.excluded_by,
    createdAt: row.created_at,
  };
}
