import type { RetryPolicy } from './http/retry-policy.ts';
import { ingestDeps, type IngestBase } from './ingest-deps.ts';
import type { IngestReport } from './ingest-report.ts';
import type { IngestOptionsOf, IngestSource, IngestSourceName } from './ingest-sources.ts';
import { importJsonl } from './import-jsonl.ts';
import type { Progress } from './progress.ts';

// The sources' parsers load on first use: most commands build the services and never ingest.
const registry = async () => (await import('./ingest-sources.ts')).INGEST_SOURCES;

/**
 * Ingest with the store, clock, arXiv politeness limit and papers service bound: runs any
 * source of the registry by name, the scheduled ones together, and bulk imports.
 */
export function createIngestService(base: IngestBase) {
  return {
    /** One run of a source, by its name; `retry` overrides the HTTP retry policy. */
    run: async <N extends IngestSourceName>(
      name: N,
      options: IngestOptionsOf<N>,
      retry: Partial<RetryPolicy> = {},
    ): Promise<IngestReport[]> =>
      ((await registry())[name] as IngestSource<IngestOptionsOf<N>>).run(
        ingestDeps(base, retry),
        options,
      ),
    /** Every scheduled source in the registry's order, with the options the schedule uses. */
    runScheduled: async (retry: Partial<RetryPolicy> = {}): Promise<IngestReport[]> => {
      const deps = ingestDeps(base, retry);
      const reports: IngestReport[] = [];
      for (const source of Object.values(await registry()) as IngestSource<unknown>[])
        if (source.scheduled)
          reports.push(...(await source.run(deps, source.scheduled(base.config.ingest))));
      return reports;
    },
    /** Imports a JSON Lines file (resuming an interrupted import of it). */
    importFile: (file: string, progress?: Progress) => importJsonl(base, file, progress),
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
