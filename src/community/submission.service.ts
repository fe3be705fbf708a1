import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { AppError, badRequest } from '../domain/errors.ts';
import { findPaper } from '../papers/paper.repository.ts';
import type { PapersService } from '../papers/paper.service.ts';
import { entryDaysOfPaper } from '../papers/daily-entry.repository.ts';
import { insertSubmission, setFeatured } from './submission.repository.ts';
import { requireActive } from './user.service.ts';
import { canCurate, type User } from './user.ts';

export interface SubmissionDeps {
  db: Db;
  clock: Clock;
  /** Finds the paper, or fetches it from arXiv and stores it. */
  papers: Pick<PapersService, 'ensurePaper'>;
}

export type SubmissionResult =
  | { status: 'added'; paperId: string; day: string }
  | { status: 'duplicate'; paperId: string; day: string };

/**
 * Puts a paper on today's list as the member's submission. A paper Folio does not have is
 * fetched from arXiv first; a paper already submitted (or already on a list day through an
 * entry) is not added twice — the result points at the existing entry.
 */
export async function submitPaper(
  deps: SubmissionDeps,
  user: User | null,
  input: unknown,
): Promise<SubmissionResult> {
  const member = requireActive(user);
  const text = typeof input === 'string' ? input : '';
  const parsed = parseArxivId(text);
  if (!parsed)
    throw badRequest(
      'invalid_arxiv_id',
      'That is not an arXiv id or address. Paste something like 2401.12345 or https://arxiv.org/abs/2401.12345.',
    );
  const id = parsed.id;
  const existing = await entryDaysOfPaper(deps.db.kysely, id);
  if (existing.length > 0) return { status: 'duplicate', paperId: id, day: existing[0]!.day };
  const today = deps.clock.now().toISOString().slice(0, 10);
  const now = deps.clock.now().toISOString();
  await deps.papers.ensurePaper(id);
  const added = await insertSubmission(deps.db.kysely, {
    day: today,
    paperId: id,
    userId: member.id,
    now,
  });
  return { status: added ? 'added' : 'duplicate', paperId: id, day: today };
}

/** Curators feature a paper on a day's list (it sorts first) or take the feature back. */
export async function featurePaper(
  deps: Pick<SubmissionDeps, 'db' | 'clock'>,
  user: User | null,
  paperId: string,
  day: string,
  featured: boolean,
): Promise<void> {
  if (!canCurate(user)) throw new AppError(403, 'forbidden', 'Only curators can feature papers.');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
    throw badRequest('invalid_date', 'Which day? Expected YYYY-MM-DD.');
  if (!(await findPaper(deps.db.kysely, paperId)))
    throw new AppError(404, 'not_found', `There is no paper ${paperId} here.`);
  await setFeatured(deps.db.kysely, {
    day,
    paperId,
    featured,
    now: deps.clock.now().toISOString(),
  });
}
