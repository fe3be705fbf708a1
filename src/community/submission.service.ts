import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { AppError, badRequest } from '../domain/errors.ts';
import type { Paper, PaperRecord } from '../domain/paper.ts';
import { findPaper } from '../papers/paper.repository.ts';
import { upsertRecords } from '../papers/paper.service.ts';
import { entryDaysOfPaper, insertSubmission, setFeatured } from './submission.repository.ts';
import { requireActive } from './user.service.ts';
import { canCurate, type User } from './user.ts';

/** Fetches one paper's metadata from arXiv; null when arXiv does not know it. */
export type FetchPaperRecord = (id: string) => Promise<PaperRecord | null>;

export interface SubmissionDeps {
  db: Db;
  clock: Clock;
  /** Absent when Folio runs offline or no arXiv client is configured. */
  fetchRecord?: FetchPaperRecord;
  onStored?: (papers: Paper[]) => void | Promise<void>;
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
  if (!(await findPaper(deps.db.kysely, id))) {
    if (!deps.fetchRecord)
      throw new AppError(
        404,
        'paper_unknown',
        `Folio does not have arXiv paper ${id}, and it cannot ask arXiv for it while it runs offline.`,
      );
    let record: PaperRecord | null;
    try {
      record = await deps.fetchRecord(id);
    } catch (error) {
      throw new AppError(
        502,
        'arxiv_unavailable',
        `arXiv did not answer for ${id} (${error instanceof Error ? error.message : 'unknown error'}). Try again later.`,
      );
    }
    if (!record) throw new AppError(404, 'paper_unknown', `arXiv has no paper ${id}.`);
    const stored = await upsertRecords(deps.db, deps.clock, [record], {
      source: 'submission',
      ...(deps.onStored ? { onStored: deps.onStored } : {}),
    });
    if (stored.failed.length > 0)
      throw new AppError(
        422,
        'paper_invalid',
        `arXiv's record for ${id} could not be stored: ${stored.failed[0]!.reason}`,
      );
  }
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
