import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../logger.ts';
import type { UpsertOptions } from '../papers/paper.service.ts';
import { notifyPapersStored, type Runtime } from '../runtime.ts';
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
  onStored?: UpsertOptions['onStored'];
}

/** Ingest dependencies from the runtime; stored papers are announced to its listeners. */
export function ingestDeps(runtime: Runtime, retry: Partial<RetryPolicy> = {}): IngestDeps {
  const { logger } = runtime;
  return {
    db: runtime.db,
    clock: runtime.clock,
    logger,
    ingest: runtime.config.ingest,
    client: createRemoteClient(
      `Folio/0.1 (self-hosted research papers; +${runtime.config.baseUrl})`,
      retry,
      (info) => logger.warn(info, 'remote request failed; retrying'),
    ),
    arxivLimiter: runtime.arxivLimiter,
    onStored: (papers) => notifyPapersStored(runtime, papers),
  };
}
