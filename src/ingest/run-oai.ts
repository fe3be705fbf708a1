import { readCursor } from './cursor.repository.ts';
import type { IngestDeps } from './ingest-deps.ts';
import { addBatch, newReport, type IngestReport } from './ingest-report.ts';
import { sourceStopReason } from './run-errors.ts';
import type { OaiFormat } from './sources/oai-records.ts';
import {
  fetchOaiPage,
  OAI_SOURCE,
  OaiError,
  oaiGetRecordUrl,
  oaiListUrl,
  type OaiListRequest,
} from './sources/oai-pmh.ts';
import { storeBatch } from './store-batch.ts';

export interface OaiRunOptions {
  format: OaiFormat;
  /** Harvest records changed on or after this day; default: where the last harvest ended. */
  from?: string;
  until?: string;
  set?: string;
}

/**
 * Where a harvest stands. While one is under way `token` continues it; when it finishes,
 * `nextFrom` (the day the server said the harvest began) is where the next one starts.
 */
interface OaiCursor {
  token: string | null;
  from: string | null;
  until: string | null;
  startedOn: string | null;
  nextFrom: string | null;
}

/** The cursor name of a harvest: one per format and set. */
export function oaiCursorKey(options: Pick<OaiRunOptions, 'format' | 'set'>): string {
  return `${OAI_SOURCE}:${options.format}:${options.set ?? '*'}`;
}

/**
 * Harvests ListRecords page by page. Every page is stored together with the resumption token
 * that follows it, so a killed run continues with that token: no page is stored twice and none
 * is skipped. A token the server no longer accepts restarts the harvest from its `from` day
 * (storing is idempotent, so nothing doubles).
 */
export async function runOaiHarvest(
  deps: IngestDeps,
  options: OaiRunOptions,
): Promise<IngestReport> {
  const key = oaiCursorKey(options);
  const report = newReport(OAI_SOURCE);
  const saved = await readCursor<OaiCursor>(deps.db.kysely, key);
  const resumable =
    saved?.token && (options.from === undefined || options.from === saved.from) ? saved : null;
  const harvest: OaiCursor = resumable ?? {
    token: null,
    from: options.from ?? saved?.nextFrom ?? null,
    until: options.until ?? null,
    startedOn: null,
    nextFrom: saved?.nextFrom ?? null,
  };
  if (resumable) report.notes.push(`resumed the harvest from ${harvest.from ?? 'the beginning'}`);
  const http = { client: deps.client, limiter: deps.arxivLimiter };
  let restarted = false;
  try {
    for (;;) {
      const request: OaiListRequest = harvest.token
        ? { resumptionToken: harvest.token }
        : {
            format: options.format,
            ...(harvest.from ? { from: harvest.from } : {}),
            ...(harvest.until ? { until: harvest.until } : {}),
            ...(options.set ? { set: options.set } : {}),
          };
      let page;
      try {
        page = await fetchOaiPage(http, oaiListUrl(deps.ingest.arxivOaiUrl, request));
      } catch (error) {
        const expired =
          error instanceof OaiError && error.code === 'badResumptionToken' && harvest.token;
        if (!expired || restarted) throw error;
        restarted = true;
        report.notes.push('the server no longer accepted the saved token; harvest restarted');
        harvest.token = null;
        continue;
      } finally {
        report.requests++;
      }
      harvest.startedOn ??=
        page.responseDate?.slice(0, 10) ?? deps.clock.now().toISOString().slice(0, 10);
      harvest.token = page.resumptionToken?.token ?? null;
      if (!harvest.token) harvest.nextFrom = harvest.startedOn;
      const result = await storeBatch(deps, OAI_SOURCE, page.records, {
        key,
        value: harvest.token ? harvest : { ...harvest, startedOn: null },
      });
      addBatch(report, OAI_SOURCE, result, page.failures);
      if (!harvest.token) break;
    }
  } catch (error) {
    report.error = sourceStopReason(error);
  }
  return report;
}

/** Fetches one paper with GetRecord and stores it. */
export async function runOaiGetRecord(
  deps: IngestDeps,
  arxivId: string,
  format: OaiFormat,
): Promise<IngestReport> {
  const report = newReport(OAI_SOURCE);
  const http = { client: deps.client, limiter: deps.arxivLimiter };
  try {
    const page = await fetchOaiPage(
      http,
      oaiGetRecordUrl(deps.ingest.arxivOaiUrl, arxivId, format),
    );
    report.requests++;
    const result = await storeBatch(deps, OAI_SOURCE, page.records, null);
    addBatch(report, OAI_SOURCE, result, page.failures);
  } catch (error) {
    report.error = sourceStopReason(error);
  }
  return report;
}
