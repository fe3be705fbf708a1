import type { IngestDeps } from './ingest-deps.ts';
import { addBatch, newReport, type IngestReport } from './ingest-report.ts';
import { sourceStopReason } from './run-errors.ts';
import { fetchHfDailyPapers, HF_SOURCE } from './sources/hf-daily.ts';
import { storeBatch } from './store-batch.ts';

/**
 * Ingests one day of Hugging Face daily papers (the latest day when `day` is null): the papers
 * and their entries on that day's list, with the day saved as the source's position, in one
 * transaction. Running it again refreshes upvotes and comment counts.
 */
export async function runHfDaily(deps: IngestDeps, day: string | null): Promise<IngestReport> {
  const report = newReport(HF_SOURCE);
  try {
    const page = await fetchHfDailyPapers(deps.client, deps.ingest.hfApiUrl, day);
    report.requests++;
    const days = [...new Set(page.entries.map((e) => e.day))].sort();
    const last = days.at(-1) ?? day;
    const cursor = last ? { key: `${HF_SOURCE}:daily`, value: { day: last } } : null;
    const result = await storeBatch(deps, HF_SOURCE, page.records, cursor, page.entries);
    addBatch(report, HF_SOURCE, result, page.failures);
    if (page.records.length === 0 && page.failures.length === 0)
      report.notes.push(`no daily papers${day ? ` on ${day}` : ''}`);
    else if (days.length > 0) report.notes.push(`daily papers of ${days.join(', ')}`);
  } catch (error) {
    report.error = sourceStopReason(error);
  }
  return report;
}
