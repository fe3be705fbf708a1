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
import { delay } from './http/rate-limiter.ts';
import { retryWaitMs } from './http/retry-policy.ts';
import { SourceError } from './sources/source-error.ts';
import type { ArxivAtomPage } from './sources/arxiv-atom.ts';

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
  /** The query's total as arXiv last reported it, so a resumed run knows an empty page is spurious. */
  total?: number;
}

// arXiv's API now and then answers a page before the end with no entries; asking again gets it.
const EMPTY_PAGE_TRIES = 4;

const FINISHED: ApiCursor = { start: 0, done: true };

/**
 * Runs a query against the arXiv API page by page, newest first. Each page is stored with the
 * next start offset, so an interrupted run resumes there. The run ends at the reported total,
 * at an empty page past it, or at `max`, and early at a page whose papers are all stored
 * unchanged. An empty page before the total is asked again; if it stays empty the run stops
 * with an error and the query stays open at that page.
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
  // Every request sent counts, retries included, so a failure summary says how many were made.
  const http = {
    client: deps.client,
    limiter: deps.arxivLimiter,
    onAttempt: () => void report.requests++,
  };
  let total = saved && !saved.done ? (saved.total ?? null) : null;
  let fetched = 0;
  try {
    while (fetched < limit) {
      const size = Math.min(pageSize, limit - fetched);
      let page = await fetchArxivApiPage(http, deps.ingest.arxivApiUrl, query, start, size);
      for (let tries = 1; isSpuriouslyEmpty(page, start, total); tries++) {
        if (tries >= EMPTY_PAGE_TRIES)
          throw new SourceError(
            ARXIV_API_SOURCE,
            `arXiv answered an empty page at result ${start} of ${Math.max(total ?? 0, page.totalResults ?? 0)} ${tries} times; the query resumes there next run`,
            true,
          );
        await delay(retryWaitMs(deps.client.retry, tries, null));
        page = await fetchArxivApiPage(http, deps.ingest.arxivApiUrl, query, start, size);
      }
      if (page.totalResults !== null) total = Math.max(total ?? 0, page.totalResults);
      const returned = page.entries.length + page.failures.length;
      const next = start + returned;
      fetched += returned;
      const finished = returned === 0 || (total !== null && next >= total) || fetched >= limit;
      const records = page.entries.map((e) => e.record);
      const cursor: ApiCursor = finished
        ? FINISHED
        : { start: next, done: false, ...(total !== null ? { total } : {}) };
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

/**
 * An empty page before the end arXiv reported (on this page or an earlier one) is one of the
 * API's spurious empty answers, not the end of the query.
 */
function isSpuriouslyEmpty(page: ArxivAtomPage, start: number, knownTotal: number | null): boolean {
  if (page.entries.length + page.failures.length > 0) return false;
  const total = Math.max(knownTotal ?? 0, page.totalResults ?? 0);
  return start < total;
}
