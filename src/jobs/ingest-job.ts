import type { RetryPolicy } from '../ingest/http/retry-policy.ts';
import type { AppServices } from '../services.ts';
import type { Job } from './scheduler.ts';

export const LISTING_INGEST_JOB = 'ingest-listings';

/**
 * Runs every scheduled source of the ingest registry on the ingest schedule: the daily listing
 * of every configured category, then the latest Hugging Face daily papers. A source
 * that cannot be fetched (after the retries within the run) is logged and tried again at the
 * next run; it never fails the job or stops the server.
 */
export function listingIngestJob(
  runtime: Pick<AppServices, 'ingest' | 'logger' | 'config'>,
  retry: Partial<RetryPolicy> = {},
): Job {
  const { logger, config } = runtime;
  return {
    name: LISTING_INGEST_JOB,
    schedule: config.ingest.schedule,
    run: async () => {
      const reports = await runtime.ingest.runScheduled(retry);
      for (const r of reports) {
        const summary = {
          source: r.source,
          inserted: r.inserted,
          updated: r.updated,
          unchanged: r.unchanged,
          failed: r.failed.length,
          notes: r.notes,
        };
        if (r.error)
          logger.warn(
            { ...summary, error: r.error },
            'listing ingest failed; retrying at the next run',
          );
        else logger.info(summary, 'listing ingested');
        for (const f of r.failed.slice(0, 20)) logger.warn(f, 'record skipped');
      }
    },
  };
}
