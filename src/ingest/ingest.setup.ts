import type { RetryPolicy } from './http/retry-policy.ts';
import { ingestDeps, type IngestBase } from './ingest-deps.ts';
import type { IngestReport } from './ingest-report.ts';
import {
  INGEST_SOURCES,
  type IngestOptionsOf,
  type IngestSource,
  type IngestSourceName,
} from './ingest-sources.ts';
import { importJsonl } from './import-jsonl.ts';
import type { Progress } from './progress.ts';

/**
 * Ingest with the store, clock, arXiv politeness limit and papers service bound: runs any
 * source of the registry by name, the scheduled ones together, and bulk imports.
 */
export function createIngestService(base: IngestBase) {
  return {
    /** One run of a source, by its name; `retry` overrides the HTTP retry policy. */
    run: <N extends IngestSourceName>(
      name: N,
      options: IngestOptionsOf<N>,
      retry: Partial<RetryPolicy> = {},
    ): Promise<IngestReport[]> =>
      (INGEST_SOURCES[name] as IngestSource<IngestOptionsOf<N>>).run(
        ingestDeps(base, retry),
        options,
      ),
    /** Every scheduled source in the registry's order, with the options the schedule uses. */
    runScheduled: async (retry: Partial<RetryPolicy> = {}): Promise<IngestReport[]> => {
      const deps = ingestDeps(base, retry);
      const reports: IngestReport[] = [];
      for (const source of Object.values(INGEST_SOURCES) as IngestSource<unknown>[])
        if (source.scheduled)
          reports.push(...(await source.run(deps, source.scheduled(base.config.ingest))));
      return reports;
    },
    /** Imports a JSON Lines file (resuming an interrupted import of it). */
    importFile: (file: string, progress?: Progress) => importJsonl(base, file, progress),
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
