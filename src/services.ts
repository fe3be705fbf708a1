import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { Clock } from './domain/clock.ts';
import { arxivLookup } from './ingest/arxiv-lookup.ts';
import type { RateLimiter } from './ingest/http/rate-limiter.ts';
import { ingestClient } from './ingest/ingest-deps.ts';
import { createPersonalServices, type PersonalServices } from './library/library.setup.ts';
import type { Logger } from './logger.ts';
import { createPapersService, type PapersService } from './papers/paper.service.ts';
import { createSearchService, type SemanticTuning } from './search/search.setup.ts';
import type { SearchService } from './search/search.service.ts';
import { PageCache } from './web/page-cache.ts';

/** What the services are built over: configuration, the open store, a clock, a logger. */
export interface Infrastructure {
  config: Readonly<Config>;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The one politeness limit shared by every request to arXiv (API, OAI-PMH, listing feeds). */
  arxivLimiter: RateLimiter;
}

/** Each feature's service, built once with its dependencies bound. */
export interface Services {
  /** Papers: the one write path (with its stored-paper listeners), details, arXiv fetches. */
  papers: PapersService;
  /** Keyword, semantic and hybrid search; similar papers. */
  search: SearchService;
  /** A member's library, collections, follows, recommendations and reference files. */
  personal: PersonalServices;
  /** What public pages show, cached briefly per instance; dropped whenever papers are stored. */
  pageCache: PageCache;
}

/**
 * The composition root: builds every service once and wires the stored-paper listeners
 * (search indexing, page caches) here, so no write path can skip them.
 */
export function buildServices(
  infra: Infrastructure,
  options: { semantic?: SemanticTuning } = {},
): Services {
  const { config, db, clock, logger } = infra;
  const papers = createPapersService({
    db,
    clock,
    logger,
    // A member is waiting for the page: one quick retry at most.
    fetchRecord: config.offline
      ? undefined
      : arxivLookup({
          client: ingestClient(infra, { attempts: 2 }),
          arxivLimiter: infra.arxivLimiter,
          arxivApiUrl: config.ingest.arxivApiUrl,
        }),
  });
  const search = createSearchService({
    config,
    db,
    logger,
    clock,
    ...(options.semantic ? { semantic: options.semantic } : {}),
  });
  const pageCache = new PageCache(() => clock.now().getTime());
  papers.onStored((stored) => search.onPapersStored(stored));
  papers.onStored(() => pageCache.invalidate());
  const personal = createPersonalServices({ db, clock, search });
  return { papers, search, personal, pageCache };
}
