import type { RecordFailure, UpsertResult } from '../papers/paper.service.ts';
import type { ParseFailure } from './sources/record-checks.ts';

/** What one ingest run did, for the CLI, the logs and the schedule. */
export interface IngestReport {
  /** e.g. `arxiv-rss cs.CV`. */
  source: string;
  requests: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: RecordFailure[];
  /** Why the run stopped before the end, when it did (network, error answer, bad body). */
  error: string | null;
  /** Things worth saying: resumed, stopped early, empty listing. */
  notes: string[];
}

/** An empty report for a source. */
export function newReport(source: string): IngestReport {
  return {
    source,
    requests: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    failed: [],
    error: null,
    notes: [],
  };
}

/**
 * Adds a stored batch and the records its source could not parse to the report. The store
 * names a refused record by its place in the batch; `labels` (one per stored record) give its
 * place in the source instead, as parse failures do.
 */
export function addBatch(
  report: IngestReport,
  source: string,
  result: UpsertResult,
  parseFailures: readonly ParseFailure[],
  labels: readonly string[] = [],
): void {
  report.inserted += result.inserted;
  report.updated += result.updated;
  report.unchanged += result.unchanged;
  for (const f of parseFailures) report.failed.push({ source, ...f });
  for (const f of result.failed) {
    const index = Number(/^record (\d+)/.exec(f.record)?.[1] ?? 0) - 1;
    report.failed.push({ ...f, record: labels[index] ?? f.record });
  }
}

/** True when the batch changed nothing and had nothing to report: a sign the rest is known too. */
export function nothingNew(result: UpsertResult, parseFailures: readonly ParseFailure[]): boolean {
  return (
    result.inserted === 0 &&
    result.updated === 0 &&
    result.unchanged > 0 &&
    result.failed.length === 0 &&
    parseFailures.length === 0
  );
}
