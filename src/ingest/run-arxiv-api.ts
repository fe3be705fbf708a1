import { readCursor, writeCursor } from './cursor.repository.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { addBatch, newReport, nothingNew, type IngestReport } from './ingest-report.ts';
import { sourceStopReason } from './run-errors.ts';
import {
  ARXIV_API_SOURCE,
  arxivQueryKey,
  fetchArxivApiPage,
  type ArxivQuery,
} from './sources/arxiv-api.ts';
import { storeBatch } from './store-batch.ts';

export interface ArxivApiRunOptions {
  query: ArxivQuery;
  /** Most records to fetch in this run. */
  max?: number;
  /** Records per request (arXiv allows up to 2,000; smaller pages fail less). */
  pageSize?: number;
}

interface ApiCursor {
  start: number;
  done: boolean;
}

const FINISHED: ApiCursor = { start: 0, done: true };

/**
 * Runs a query against the arXiv API page by page, newest first. Each page is stored with the
 * next start offset, so an interrupted run resumes there. The run ends at an empty page, at
 * the reported total or at `max`, and early at a page whose papers are all stored unchanged.
 */
export async function runArxivApi(
  deps: IngestDeps,
  options: ArxivApiRunOptions,
): Promise<IngestReport> {
  const { query } = options;
  const key = arxivQueryKey(query);
  const report = newReport(ARXIV_API_SOURCE);
  const saved = await readCursor<ApiCursor>(deps.db.kysely, key);
  let start = saved && !saved.done ? saved.start : 0;
  if (start > 0) report.notes.push(`resumed at result ${start}`);
  const limit = options.max ?? Infinity;
  const pageSize = Math.max(1, Math.min(options.pageSize ?? 100, 2000));
  const http = { client: deps.client, limiter: deps.arxivLimiter };
  let fetched = 0;
  try {
    while (fetched < limit) {
      const size = Math.min(pageSize, limit - fetched);
      const page = await fetchArxivApiPage(http, deps.ingest.arxivApiUrl, query, start, size);
      report.requests++;
      const returned = page.entries.length + page.failures.length;
      const next = start + returned;
      fetched += returned;
      const finished =
        returned === 0 ||
        (page.totalResults !== null && next >= page.totalResults) ||
        fetched >= limit;
      const records = page.entries.map((e) => e.record);
      const cursor = finished ? FINISHED : { start: next, done: false };
      const result = await storeBatch(deps, ARXIV_API_SOURCE, records, { key, value: cursor });
      const labels = page.entries.map((e) => e.label);
      addBatch(report, ARXIV_API_SOURCE, result, page.failures, labels);
      if (finished) break;
      if (nothingNew(result, page.failures)) {
        report.notes.push(`stopped early: results ${start}–${next - 1} were all stored already`);
        await writeCursor(deps.db.kysely, key, FINISHED, deps.clock.now().toISOString());
        break;
      }
      start = next;
    }
  } catch (error) {
    report.error = sourceStopReason(error);
  }
  return report;
}
