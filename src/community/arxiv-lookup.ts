import { parseArxivId } from '../domain/arxiv-id.ts';
import { ingestDeps } from '../ingest/ingest-deps.ts';
import { fetchArxivApiPage } from '../ingest/sources/arxiv-api.ts';
import type { Runtime } from '../runtime.ts';
import type { FetchPaperRecord } from './submission.service.ts';

/**
 * Looks one paper up on the arXiv query API (`id_list`), through the process's shared arXiv
 * rate limit; null when arXiv has no such paper. Absent when Folio runs offline.
 */
export function arxivLookup(runtime: Runtime): FetchPaperRecord | undefined {
  if (runtime.config.offline) return undefined;
  // One quick retry at most: a member is waiting for the page.
  const deps = ingestDeps(runtime, { attempts: 2 });
  return async (id) => {
    const page = await fetchArxivApiPage(
      { client: deps.client, limiter: deps.arxivLimiter },
      runtime.config.ingest.arxivApiUrl,
      { ids: [id] },
      0,
      1,
    );
    return page.entries.find((e) => parseArxivId(e.record.id)?.id === id)?.record ?? null;
  };
}
