import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import type { DialectName } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/logger.ts';
import { createMailer, mailerOptionsFromConfig } from '../../src/mail/mailer.ts';
import { openRuntime, type Runtime } from '../../src/services.ts';
import { createApp } from '../../src/web/app.ts';
import { openTestDb } from './databases.ts';
import { trackMailer, type TrackedMailer } from './tracked-mailer.ts';

export interface TestRuntime {
  runtime: Runtime;
  app: ReturnType<typeof createApp>;
  clock: ReturnType<typeof fixedClock>;
  /** The runtime's real mailer, which tells how many sends were started and when they are done. */
  mail: TrackedMailer;
  /** Temporary folder for this runtime's files (outbox, indexes). */
  dataDir: string;
  /** The store's configuration value, for CLIs or servers started against the same store. */
  dbUrl: string;
  /**
   * Starts search as `folio serve` does and waits until it is ready: in the default
   * configuration the built-in semantic model is trained on the papers stored so far (papers
   * stored later are embedded when the code storing them notifies search). A no-op when the
   * runtime was made keyword-only.
   */
  searchReady(): Promise<void>;
  cleanup(): Promise<void>;
}

/** Search as configured by default (keyword and semantic, hybrid answers), or keyword only. */
export type TestSearch = 'default' | 'keyword';

/**
 * A real runtime over a fresh migrated store (no mocks): fixed clock, silent logger, mail to an
 * outbox folder unless `env` configures SMTP. `env` takes FOLIO_* variables as the CLI would.
 * Search is the default configuration, its built-in model trained on however few papers the test
 * stores (see `searchReady`); `search: 'keyword'` leaves semantic search off.
 */
export async function createTestRuntime(
  dialect: DialectName,
  options: { env?: Record<string, string>; now?: string; search?: TestSearch } = {},
): Promise<TestRuntime> {
  const test = await openTestDb(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-data-'));
  const config = loadConfig({
    FOLIO_DATA_DIR: dataDir,
    FOLIO_DATABASE_URL: test.url,
    FOLIO_LOAD_DEMO: '0',
    FOLIO_OFFLINE: '1',
    FOLIO_BASE_URL: 'http://localhost:3000',
    // Tests read mail from the outbox folder on both dialects unless they ask for the database.
    FOLIO_MAIL_OUTBOX: 'folder',
    ...options.env,
  });
  const clock = fixedClock(options.now ?? '2026-07-01T12:00:00Z');
  const mail = trackMailer(createMailer(mailerOptionsFromConfig(config, test.db)));
  const runtime = await openRuntime(config, {
    clock,
    logger: silentLogger,
    db: test.db,
    mailer: mail,
    // The built-in model trains on however few papers a test stores, not only from 50 up.
    semantic: { minPapers: 1 },
  });
  let searchStarted = false;
  return {
    runtime,
    app: createApp(runtime),
    clock,
    mail,
    dataDir,
    dbUrl: test.url,
    searchReady: async () => {
      if (options.search === 'keyword') return;
      if (!searchStarted) {
        searchStarted = true;
        runtime.search.start();
      }
      await runtime.search.semantic?.idle();
      const status = runtime.search.status();
      if (status.semantic !== 'ready')
        throw new Error(`semantic search did not become ready: ${JSON.stringify(status)}`);
    },
    cleanup: async () => {
      // Ends background search work (training started by stored papers) before the store goes.
      await runtime.search.close();
      runtime.mailer.close();
      await test.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Environment that puts a `folio` child process on this runtime's clock (at its current instant),
 * so "today" and "yesterday" mean the same to the test and the command whatever the hour.
 */
export function clockEnv(t: Pick<TestRuntime, 'clock'>): Record<string, string> {
  return { NODE_ENV: 'test', FOLIO_TEST_NOW: t.clock.now().toISOString() };
}
