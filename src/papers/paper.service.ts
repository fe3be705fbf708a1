import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { parseArxivId } from '../domain/arxiv-id.ts';
import { InvalidRecordError, normalizeRecord } from '../domain/paper-normalize.ts';
import type { Paper, PaperRecord } from '../domain/paper.ts';
import { mergePaper, samePaper } from './paper.merge.ts';
import { findPapersByIds, inTransaction, writePapers } from './paper.repository.ts';
import { upsertDailyEntries, type DailyEntry } from './daily-entry.repository.ts';

/** One record that could not be stored: which source, which record, and why. */
export interface RecordFailure {
  source: string;
  record: string;
  reason: string;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
  failed: RecordFailure[];
  /** Normalized ids of the records that were stored (new or changed or unchanged). */
  ids: string[];
}

export interface UpsertOptions {
  /** Named in failures, e.g. "arxiv-api" or "import papers.jsonl.gz". */
  source: string;
  /** Daily-list entries to write in the same transaction. */
  entries?: readonly DailyEntry[];
  /** Runs inside the same transaction after the papers are written (e.g. to save a cursor). */
  alsoInTransaction?: (trx: Db['kysely']) => Promise<void>;
  /** Called with the papers that were inserted or changed, after commit (e.g. to index them). */
  onStored?: (papers: Paper[]) => void | Promise<void>;
}

/**
 * Stores records from any source idempotently: each is normalized (a bad one is reported and
 * skipped), merged with what is stored, and the batch is written in one transaction so that a
 * killed process leaves either all of the batch or none of it.
 */
export async function upsertRecords(
  db: Db,
  clock: Clock,
  records: readonly PaperRecord[],
  options: UpsertOptions,
): Promise<UpsertResult> {
  const failed: RecordFailure[] = [];
  const normalized = new Map<string, PaperRecord>();
  for (const [index, record] of records.entries()) {
    try {
      const clean = normalizeRecord(record);
      const earlier = normalized.get(clean.id);
      // Two records of one paper in a batch: merge them so neither field set is lost.
      normalized.set(
        clean.id,
        earlier ? { ...mergePaper(mergePaper(null, earlier), clean) } : clean,
      );
    } catch (error) {
      if (!(error instanceof InvalidRecordError)) throw error;
      failed.push({
        source: options.source,
        record: describeRecord(record, index),
        reason: error.message,
      });
    }
  }
  const now = clock.now().toISOString();
  const changed: Paper[] = [];
  let inserted = 0;
  let unchanged = 0;
  // Entries may name papers stored earlier and absent from this batch, in any id form.
  const entries = (options.entries ?? []).map((e) => ({
    ...e,
    paperId: parseArxivId(e.paperId)?.id ?? e.paperId,
  }));
  await inTransaction(db, async (trx) => {
    const stored = await findPapersByIds(trx, [
      ...new Set([...normalized.keys(), ...entries.map((e) => e.paperId)]),
    ]);
    for (const record of normalized.values()) {
      const before = stored.get(record.id) ?? null;
      const after = mergePaper(before, record);
      if (!before) inserted++;
      if (before && samePaper(before, after)) unchanged++;
      else changed.push(after);
    }
    await writePapers(trx, changed, now);
    const listed = entries.filter((e) => normalized.has(e.paperId) || stored.has(e.paperId));
    if (listed.length > 0) await upsertDailyEntries(trx, listed, now);
    await options.alsoInTransaction?.(trx);
  });
  if (changed.length > 0) await options.onStored?.(changed);
  return {
    inserted,
    updated: changed.length - inserted,
    unchanged,
    failed,
    ids: [...normalized.keys()],
  };
}

function describeRecord(record: PaperRecord, index: number): string {
  const id = typeof record?.id === 'string' && record.id ? record.id.slice(0, 60) : null;
  return id ? `record ${index + 1} (${id})` : `record ${index + 1}`;
}
