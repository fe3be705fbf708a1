import { parseArxivId } from '../domain/arxiv-id.ts';
import type { FetchPaperRecord } from '../papers/paper.service.ts';
import type { RateLimiter } from './http/rate-limiter.ts';
import type { RemoteClient } from './http/remote-fetch.ts';
import { fetchArxivApiPage } from './sources/arxiv-api.ts';

/**
 * Looks one paper up on the arXiv query API (`id_list`), through the process's shared arXiv
 * rate limit; null when arXiv has no such paper.
 */
export function arxivLookup(deps: {
  client: RemoteClient;
  arxivLimiter: RateLimiter;
  arxivApiUrl: string;
}): FetchPaperRecord {
  return async (id) => {
    const page = await fetchArxivApiPage(
      { client: deps.client, limiter: deps.arxivLimiter },
      deps.arxivApiUrl,
      { ids: [id] },
      0,
      1,
    );
    return page.entries.find((e) => parseArxivId(e.record.id)?.id === id)?.record ?? null;
  };
}
