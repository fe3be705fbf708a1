import type { Config } from './config.ts';
import { createDb, redactUrl, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { waitForStore } from './db/wait-for-store.ts';
import type { Logger } from './logger.ts';

/** Opens the configured store, waits for it to answer and brings its schema up to date. */
export async function openStore(config: Readonly<Config>, logger: Logger): Promise<Db> {
  const db = createDb(config.database, {
    lockWaitMs: config.databaseTuning.lockWaitMs,
    readUrl: config.databaseTuning.readUrl,
    onConnectionError: (error) =>
      logger.warn(
        {
          err: error,
          store: redactUrl(config.database.kind === 'postgres' ? config.database.url : ''),
        },
        'database connection lost',
      ),
  });
  try {
    await prepareStore(db, config, logger);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Waits for an open store to answer and brings its schema up to date. */
export async function prepareStore(
  db: Db,
  config: Readonly<Config>,
  logger: Logger,
): Promise<void> {
  await waitForStore(db, logger, { maxWaitMs: config.databaseTuning.waitSeconds * 1000 });
  const applied = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ applied, store: db.label }, 'migrated store');
}
