import fs from 'node:fs';
import type { Config } from './config.ts';
import { createDb, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import { importJsonl, importUnfinished } from './ingest/import-jsonl.ts';
import type { Progress } from './ingest/progress.ts';
import { createLogger, type Logger } from './logger.ts';
import { countPapers } from './papers/paper.repository.ts';

/** What every command shares: configuration, the open store, a clock and a logger. */
export interface Runtime {
  config: Readonly<Config>;
  db: Db;
  clock: Clock;
  logger: Logger;
  close(): Promise<void>;
}

/** Opens the store and brings its schema up to date. */
export async function openRuntime(
  config: Readonly<Config>,
  options: { clock?: Clock; logger?: Logger; migrate?: boolean } = {},
): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = createDb(config.database);
  try {
    if (options.migrate !== false) {
      const applied = await migrateToLatest(db);
      if (applied.length > 0) logger.info({ applied, store: db.label }, 'migrated store');
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return { config, db, clock: options.clock ?? systemClock, logger, close: () => db.close() };
}

/** Loads the bundled demo corpus into an empty store; returns how many papers it stored. */
export async function loadDemoIfEmpty(runtime: Runtime, progress?: Progress): Promise<number> {
  const { config, db, logger } = runtime;
  if (!config.demo.load) return 0;
  if (!fs.existsSync(config.demo.file)) {
    logger.warn({ file: config.demo.file }, 'demo corpus not found; starting with an empty store');
    return 0;
  }
  // A store with papers is left alone, unless it is the demo load itself that was interrupted.
  if ((await countPapers(db.kysely)) > 0 && !(await importUnfinished(db, config.demo.file)))
    return 0;
  logger.info({ file: config.demo.file }, 'loading the demo corpus into the empty store');
  const result = await importJsonl(runtime, config.demo.file, progress);
  logger.info({ papers: result.inserted, failed: result.failed.length }, 'demo corpus loaded');
  return result.inserted;
}
