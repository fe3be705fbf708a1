import { readCursor } from './cursor.repository.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { addBatch, newReport, type IngestReport } from './ingest-report.ts';
import { sourceStopReason } from './run-errors.ts';
import { fetchListingFeed, RSS_SOURCE } from './sources/arxiv-rss.ts';
import { storeBatch } from './store-batch.ts';

interface RssCursor {
  listingDate: string;
}

/** The cursor name of a category's listing feed. */
export const rssCursorKey = (category: string) => `${RSS_SOURCE}:${category}`;

/**
 * Ingests today's listing feed of each category, one report per category: a failing
 * category does not stop the others. A listing day already stored for a category is skipped;
 * an empty feed (no announcement that day) stores nothing and is not an error.
 */
export async function runListingFeeds(
  deps: IngestDeps,
  categories: readonly string[],
): Promise<IngestReport[]> {
  const reports: IngestReport[] = [];
  for (const category of categories) reports.push(await runListingFeed(deps, category));
  return reports;
}

async function runListingFeed(deps: IngestDeps, category: string): Promise<IngestReport> {
  const report = newReport(`${RSS_SOURCE} ${category}`);
  const key = rssCursorKey(category);
  try {
    const feed = await fetchListingFeed(
      { client: deps.client, limiter: deps.arxivLimiter },
      deps.ingest.arxivRssUrl,
      category,
    );
    report.requests++;
    if (feed.items.length === 0 && feed.failures.length === 0) {
      report.notes.push(
        `no listing${feed.listingDate ? ` on ${feed.listingDate}` : ''} (no announcement that day)`,
      );
      return report;
    }
    const saved = await readCursor<RssCursor>(deps.db.kysely, key);
    if (feed.listingDate && saved?.listingDate === feed.listingDate) {
      report.notes.push(`the listing of ${feed.listingDate} is stored already`);
      return report;
    }
    const records = feed.items.map((item) => item.record);
    const cursor = feed.listingDate ? { key, value: { listingDate: feed.listingDate } } : null;
    const result = await storeBatch(deps, report.source, records, cursor);
    addBatch(report, report.source, result, feed.failures);
    if (feed.listingDate) report.notes.push(`listing of ${feed.listingDate}`);
  } catch (error) {
    report.error = sourceStopReason(error);
  }
  return report;
}
