import fs from 'node:fs';
import os from 'node:os';
import type { Config } from './config.ts';
import { createDb, redactUrl, type Db } from './db/database.ts';
import { waitForStore } from './db/wait-for-store.ts';
import { migrateToLatest } from './db/migrate.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import { importJsonl, importUnfinished } from './ingest/import-jsonl.ts';
import { createRateLimiter, type RateLimiter } from './ingest/http/rate-limiter.ts';
import type { Progress } from './ingest/progress.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMailer, mailerOptionsFromConfig, type Mailer } from './mail/mailer.ts';
import { ensureServerSecret } from './settings/server-secret.ts';
import { countPapers } from './papers/paper.repository.ts';
import type { Paper } from './domain/paper.ts';
import { createSearchService } from './search/search.setup.ts';
import type { SearchService } from './search/search.service.ts';
import { createPersonalServices, type PersonalServices } from './library/library.setup.ts';

/** What every command shares: configuration, the open store, a clock and a logger. */
export interface Runtime {
  config: Readonly<Config>;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** This process among the instances sharing the store (host name and process id). */
  instance: string;
  /** Signs tokens and links (configured, or generated once and kept in the store). */
  secret: string;
  mailer: Mailer;
  /** Keyword, semantic and hybrid search; similar papers. */
  search: SearchService;
  /** A member's library, collections, follows, recommendations and reference files. */
  personal: PersonalServices;
  /**
   * Told about papers after every write that stored new or changed papers (search indexing,
   * embeddings). Every write path passes `onStored: (papers) => notifyPapersStored(runtime, papers)`.
   */
  paperListeners: PaperListener[];
  /** The one politeness limit shared by every request to arXiv (API, OAI-PMH, listing feeds). */
  arxivLimiter: RateLimiter;
  close(): Promise<void>;
}

export type PaperListener = (papers: Paper[]) => void | Promise<void>;

/** Tells every listener about stored papers; a failing listener is logged, never fails the write. */
export async function notifyPapersStored(
  runtime: Pick<Runtime, 'paperListeners' | 'logger'>,
  papers: Paper[],
): Promise<void> {
  for (const listener of runtime.paperListeners) {
    try {
      await listener(papers);
    } catch (error) {
      runtime.logger.error({ err: error }, 'a paper listener failed');
    }
  }
}

/** Opens the store and brings its schema up to date. */
export async function openRuntime(
  config: Readonly<Config>,
  options: { clock?: Clock; logger?: Logger; db?: Db; mailer?: Mailer } = {},
): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db =
    options.db ??
    createDb(config.database, {
      lockWaitMs: config.databaseTuning.lockWaitMs,
      onConnectionError: (error) =>
        logger.warn(
          {
            err: error,
            store: redactUrl(config.database.kind === 'postgres' ? config.database.url : ''),
          },
          'database connection lost',
        ),
    });
  let secret: string;
  try {
    await waitForStore(db, logger, { maxWaitMs: config.databaseTuning.waitSeconds * 1000 });
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info({ applied, store: db.label }, 'migrated store');
    secret = await ensureServerSecret(db, config.secret);
  } catch (error) {
    await db.close();
    throw error;
  }
  const mailer = options.mailer ?? createMailer(mailerOptionsFromConfig(config));
  const search = createSearchService({ config, db, logger, clock: options.clock });
  return {
    config,
    db,
    instance: `${os.hostname()}:${process.pid}`,
    clock: options.clock ?? systemClock,
    logger,
    secret,
    mailer,
    search,
    personal: createPersonalServices({ db, clock: options.clock ?? systemClock, search }),
    paperListeners: [(papers) => search.onPapersStored(papers)],
    arxivLimiter: createRateLimiter(config.ingest.arxivDelayMs),
    close: async () => {
      await search.close();
      mailer.close();
      await db.close();
    },
  };
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
  const result = await importJsonl(importDeps(runtime), config.demo.file, progress);
  logger.info({ papers: result.inserted, failed: result.failed.length }, 'demo corpus loaded');
  return result.inserted;
}

/** What an import needs from the runtime, with stored papers announced to the listeners. */
export function importDeps(runtime: Runtime) {
  return {
    db: runtime.db,
    clock: runtime.clock,
    logger: runtime.logger,
    onStored: (papers: Paper[]) => notifyPapersStored(runtime, papers),
  };
}
