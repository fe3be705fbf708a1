import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb, redactUrl } from '../../src/db/database.ts';
import { migrationNames } from '../../src/db/migrate.ts';
import { dialects, openTestDb, type TestDb } from '../support/databases.ts';
import { runFolio, startFolio } from './run-folio.ts';

describe.each(dialects)('folio migrate and serve on %s', (dialect) => {
  let dir: string;
  let pg: TestDb | null = null;
  /** The store's configuration: a new SQLite file in `dir`, or a new, empty PostgreSQL database. */
  let env: Record<string, string>;
  let label: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-cli-serve-'));
    if (dialect === 'postgres') {
      pg = await openTestDb('postgres', { migrate: false });
      env = { FOLIO_DATA_DIR: dir, FOLIO_DATABASE_URL: pg.url };
      label = redactUrl(pg.url);
    } else {
      env = { FOLIO_DATA_DIR: dir };
      label = path.join(dir, 'folio.db');
    }
  });
  afterAll(async () => {
    await pg?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a new store, and says it is up to date every time', async () => {
    for (let run = 0; run < 2; run++) {
      const result = await runFolio(['migrate'], env);
      expect(result).toMatchObject({ code: 0, stdout: `store at ${label} is up to date\n` });
    }
    if (dialect === 'sqlite') expect(fs.existsSync(label)).toBe(true);
    // Every migration is recorded once, in order, in the store itself.
    const store = pg?.db ?? createDb({ kind: 'sqlite', file: label });
    try {
      const { rows } = await sql<{
        name: string;
      }>`select name from kysely_migration order by name`.execute(store.kysely);
      expect(rows.map((r) => r.name)).toEqual(migrationNames());
    } finally {
      if (!pg) await store.close();
    }
  });

  it('serves, answers /healthz and /readyz, and stops cleanly on SIGTERM', async () => {
    const child = startFolio(['serve', '--no-schedule'], {
      ...env,
      FOLIO_HOST: '127.0.0.1',
      FOLIO_PORT: '0',
      FOLIO_LOG_LEVEL: 'info',
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "serving" line in: ${stderr}`)), 60_000);
      child.stderr!.setEncoding('utf8').on('data', (data: string) => {
        stderr += data;
        const serving = /"url":"(http:\/\/localhost:\d+)".*"msg":"Folio is serving"/.exec(stderr);
        if (serving?.[1]) {
          clearTimeout(timer);
          resolve(serving[1].replace('localhost', '127.0.0.1'));
        }
      });
    });
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(await (await fetch(`${url}/readyz`)).json()).toMatchObject({
        status: 'ready',
        search: {
          keyword: expect.stringMatching(/^(ready|indexing)$/),
          semantic: expect.stringMatching(/^(off|training|embedding|ready)$/),
        },
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
