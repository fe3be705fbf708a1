import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { SearchService } from './search.service.ts';

/** Builds the search service the configuration asks for. */
export function createSearchService(deps: {
  config: Readonly<Config>;
  db: Db;
  logger: Logger;
}): SearchService {
  return new SearchService({ db: deps.db, logger: deps.logger, semantic: null });
}
