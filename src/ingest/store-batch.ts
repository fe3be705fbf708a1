import type { PaperRecord } from '../domain/paper.ts';
import type { DailyEntry } from '../papers/daily-entry.repository.ts';
import type { UpsertResult } from '../papers/paper.service.ts';
import { writeCursor } from './cursor.repository.ts';
import type { IngestDeps } from './ingest-deps.ts';

/**
 * Stores one page of records, its daily-list entries and the source's new position in one
 * transaction: a run killed at any moment resumes from a position that matches the store.
 */
export function storeBatch(
  deps: IngestDeps,
  source: string,
  records: readonly PaperRecord[],
  cursor: { key: string; value: unknown } | null,
  entries: readonly DailyEntry[] = [],
): Promise<UpsertResult> {
  return deps.papers.store(records, {
    source,
    entries,
    ...(cursor
      ? {
          alsoInTransaction: (trx) =>
            writeCursor(trx, cursor.key, cursor.value, deps.clock.now().toISOString()),
        }
      : {}),
  });
}
