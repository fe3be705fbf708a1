import { loadConfig } from '../../src/config.ts';
import { createDb, type Db, type DialectName } from '../../src/db/database.ts';
import { silentLogger } from '../../src/logger.ts';
import { openRuntime, type Runtime } from '../../src/services.ts';
import { createApp } from '../../src/web/app.ts';
import type { TestDb } from './databases.ts';
import type { TestRuntime } from './runtime.ts';

/**
 * More handles on one test store, each with its own connections, as other instances (or
 * processes) sharing the store hold them; closed by the caller.
 */
export function otherHandles(test: TestDb, dialect: DialectName, count: number): Db[] {
  const database =
    dialect === 'sqlite'
      ? ({ kind: 'sqlite', file: test.url } as const)
      : ({ kind: 'postgres', url: test.url } as const);
  return Array.from({ length: count }, () => createDb(database, { poolSize: 2 }));
}

/** A second instance of the site over a test runtime's store. */
export interface OtherInstance {
  runtime: Runtime;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/**
 * Another instance over the same store as `t`, as a second `folio serve` would be: its own
 * connections and its own empty data folder (inside `t`'s, removed with it), the same clock.
 * `env` adds FOLIO_* variables.
 */
export async function otherInstance(
  t: TestRuntime,
  env: Record<string, string> = {},
): Promise<OtherInstance> {
  const runtime = await openRuntime(
    loadConfig({
      FOLIO_DATABASE_URL: t.dbUrl,
      FOLIO_DATA_DIR: `${t.dataDir}/other-instance`,
      FOLIO_LOAD_DEMO: '0',
      FOLIO_OFFLINE: '1',
      FOLIO_BASE_URL: 'http://localhost:3000',
      ...env,
    }),
    { clock: t.clock, logger: silentLogger },
  );
  return {
    runtime,
    app: createApp(runtime),
    close: () => runtime.close(),
  };
}
