import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { dialects, TEST_PG_URL } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { loadConfig } from '../../src/config.ts';
import { openRuntime } from '../../src/services.ts';
import { silentLogger } from '../../src/logger.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createApp } from '../../src/web/app.ts';

const papers = Array.from({ length: 200 }, (_, i) => ({
  id: `2606.${String(i + 1).padStart(5, '0')}`,
  title: `Paper number ${i + 1} about resilient stores`,
  abstract: 'A store that tells the truth about its health. '.repeat(20),
  authors: ['Grace Hopper'],
  categories: ['cs.DB'],
  listingDate: '2026-06-30',
}));

async function readiness(app: TestRuntime['app']) {
  const res = await app.request('/readyz');
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe.each(dialects)('/readyz on %s', (dialect) => {
  let t: TestRuntime | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('is ready when the store reads and writes', async () => {
    t = await createTestRuntime(dialect);
    const { status, body } = await readiness(t.app);
    expect(status).toBe(200);
    expect(body.status).toBe('ready');
    const probes = await t.runtime.db.kysely.selectFrom('store_probe').select('instance').execute();
    expect(probes).toEqual([{ instance: t.runtime.instance }]);
  });

  it('is not ready when the data folder has less free space than configured', async () => {
    // More free space than any disk has: the check must report the disk as full.
    t = await createTestRuntime(dialect, { env: { FOLIO_MIN_FREE_DISK_MB: '1000000000000' } });
    const { status, body } = await readiness(t.app);
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'unavailable', reason: 'disk-full' });
    expect(body.detail).toMatch(/^\d+ MB free in the data folder$/);
  });
});

describe.skipIf(!TEST_PG_URL)('/readyz on a read-only PostgreSQL database', () => {
  let t: TestRuntime | undefined;
  afterEach(async () => {
    await t?.cleanup();
  });

  it('says the store accepts no writes', async () => {
    t = await createTestRuntime('postgres');
    const name = new URL(t.dbUrl).pathname.slice(1);
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      await admin.query(`alter database ${name} set default_transaction_read_only = on`);
      // Sessions read the setting when they start: end the ones the pool holds.
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`,
        [name],
      );
      let last = await readiness(t.app);
      // The first check may meet a connection that was just terminated; the next one is fresh.
      for (let i = 0; i < 5 && last.body.reason !== 'read-only'; i++) last = await readiness(t.app);
      expect(last.status).toBe(503);
      expect(last.body).toMatchObject({ status: 'unavailable', reason: 'read-only' });
      await admin.query(`alter database ${name} reset default_transaction_read_only`);
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`,
        [name],
      );
      for (let i = 0; i < 5 && last.status !== 200; i++) last = await readiness(t.app);
      expect(last.status).toBe(200);
    } finally {
      await admin.end();
    }
  });
});

describe('/readyz on a damaged SQLite file', () => {
  it('says the store is corrupted, and requests that read the damage get 503', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-corrupt-'));
    const file = path.join(dir, 'folio.db');
    const config = loadConfig({
      FOLIO_DATA_DIR: dir,
      FOLIO_DATABASE_URL: file,
      FOLIO_LOAD_DEMO: '0',
      FOLIO_OFFLINE: '1',
    });
    const clock = fixedClock('2026-07-01T12:00:00Z');
    const first = await openRuntime(config, { logger: silentLogger, clock });
    await upsertRecords(first.db, clock, papers, { source: 'test' });
    await first.close();
    // Overwrite the papers table's root page with noise.
    const raw = new Database(file);
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const root = (
      raw.prepare(`select rootpage from sqlite_master where name = 'papers'`).get() as {
        rootpage: number;
      }
    ).rootpage;
    raw.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);

    const damaged = await openRuntime(config, { logger: silentLogger, clock });
    try {
      const app = createApp(damaged);
      const page = await app.request(`/api/v1/papers/${papers[0]!.id}`);
      expect(page.status).toBe(503);
      const { status, body } = await readiness(app);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'unavailable', reason: 'corrupt' });
    } finally {
      await damaged.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
