import type { Config } from './config.ts';
import type { Clock } from './domain/clock.ts';
import { createLogger } from './logger.ts';
import { createSearchService } from './search/search.setup.ts';
import type { SearchService } from './search/search.service.ts';
import { openStore } from './store.ts';

/** The search service alone over an open store, for commands that only search. */
export interface SearchRuntime {
  search: SearchService;
  close(): Promise<void>;
}

/**
 * A composition root for `folio search`: the store and the search service, without the other
 * features' services, so a one-off search loads only the code it runs.
 */
export async function openSearchRuntime(
  config: Readonly<Config>,
  options: { clock?: Clock } = {},
): Promise<SearchRuntime> {
  const logger = createLogger(config.logLevel);
  const db = await openStore(config, logger);
  const search = createSearchService({
    config,
    db,
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    search,
    close: async () => {
      await search.close();
      await db.close();
    },
  };
}
