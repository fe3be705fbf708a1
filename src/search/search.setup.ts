import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import type { Logger } from '../logger.ts';
import { snapshotFileFor } from './bm25/bm25-snapshot.ts';
import { SearchService } from './search.service.ts';
import { SemanticService, type SemanticOptions } from './semantic/semantic.service.ts';

/** How eagerly the built-in model trains: tests train on a handful of papers at once. */
export type SemanticTuning = Pick<SemanticOptions, 'minPapers' | 'settleMs'>;

/** Builds the search service the configuration asks for; background work begins with `start()`. */
export function createSearchService(deps: {
  config: Readonly<Config>;
  db: Db;
  logger: Logger;
  clock?: Clock;
  semantic?: SemanticTuning;
}): SearchService {
  const semantic = new SemanticService({
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    clock: deps.clock ?? systemClock,
    ...deps.semantic,
  });
  return new SearchService({
    db: deps.db,
    logger: deps.logger,
    semantic,
    keywordSnapshot: snapshotFileFor(deps.config.dataDir),
  });
}
