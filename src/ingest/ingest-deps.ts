import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../logger.ts';
import type { PapersService } from '../papers/paper.service.ts';
import type { RateLimiter } from './http/rate-limiter.ts';
import { createRemoteClient, type RemoteClient } from './http/remote-fetch.ts';
import type { RetryPolicy } from './http/retry-policy.ts';

/** What an ingest run needs: the store, clock, logger, source addresses and polite HTTP. */
export interface IngestDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  ingest: Config['ingest'];
  client: RemoteClient;
  /** Shared by every arXiv source of the process. */
  arxivLimiter: RateLimiter;
  /** Where records are stored (and stored papers announced to the listeners). */
  papers: Pick<PapersService, 'store'>;
}

/** What building ingest dependencies takes: the process's shared parts. */
export interface IngestBase {
  config: Readonly<Config>;
  db: Db;
  clock: Clock;
  logger: Logger;
  arxivLimiter: RateLimiter;
  papers: Pick<PapersService, 'store'>;
}

/** The polite HTTP client every remote source uses, named after this Folio. */
export function ingestClient(
  base: Pick<IngestBase, 'config' | 'logger'>,
  retry: Partial<RetryPolicy> = {},
): RemoteClient {
  return createRemoteClient(
    `Folio/0.1 (self-hosted research papers; +${base.config.baseUrl})`,
    retry,
    (info) => base.logger.warn(info, 'remote request failed; retrying'),
  );
}

/** Ingest dependencies over the process's store, clock, arXiv limit and papers service. */
export function ingestDeps(base: IngestBase, retry: Partial<RetryPolicy> = {}): IngestDeps {
  return {
    db: base.db,
    clock: base.clock,
    logger: base.logger,
    ingest: base.config.ingest,
    client: ingestClient(base, retry),
    arxivLimiter: base.arxivLimiter,
    papers: base.papers,
  };
}
