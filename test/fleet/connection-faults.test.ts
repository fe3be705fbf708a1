import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDb, type Db } from '../../src/db/database.ts';
import { createApiToken } from '../../src/community/api-tokens.ts';
import { ensureUser } from '../../src/community/user.service.ts';
import { AppError } from '../../src/domain/errors.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { withJobLock } from '../../src/ops/job-lock.ts';
import { createLogger, silentLogger } from '../../src/logger.ts';
import { waitForStore } from '../../src/db/wait-for-store.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { SemanticService } from '../../src/search/semantic/semantic.service.ts';
import { openRuntime, type Runtime } from '../../src/services.ts';
import { createApp } from '../../src/web/app.ts';
import { openTestDb, TEST_PG_URL, type TestDb } from '../support/databases.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { generatedPapers } from '../search/generated-papers.ts';

const PAPER = {
  id: '2606.00001',
  title: 'Surviving restarts',
  abstract: 'A store that goes away and comes back.',
  authors: ['Ada Lovelace'],
  categories: ['cs.DC'],
  listingDate: '2026-06-30',
};

/** The PostgreSQL server's Unix socket, from the test server's URL. */
function pgSocket(): string {
  const url = new URL(TEST_PG_URL!);
  const dir = url.searchParams.get('host') ?? '/var/run/postgresql';
  return `${dir}/.s.PGSQL.${url.port || '5432'}`;
}

async function adminQuery(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** What a promise was rejected with (null if it resolved). */
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

function expectUnavailable(error: unknown): void {
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(503);
  expect((error as AppError).code).toBe('store_unavailable');
  expect((error as AppError).details.retryAfter).toBe(5);
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition never held');
}

describe.skipIf(!TEST_PG_URL)('PostgreSQL connection faults', () => {
  let test: TestDb;
  let proxy: FaultProxy;
  let db: Db;
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  let dbName: string;

  beforeAll(async () => {
    test = await openTestDb('postgres');
    dbName = new URL(test.url).pathname.slice(1);
    proxy = await startFaultProxy({ path: pgSocket() });
    const url = `postgres://${new URL(TEST_PG_URL!).username || 'root'}@127.0.0.1:${proxy.port}/${dbName}`;
    db = createDb({ kind: 'postgres', url }, { poolSize: 4 });
    const config = loadConfig({
      FOLIO_DATABASE_URL: url,
      FOLIO_LOAD_DEMO: '0',
      FOLIO_OFFLINE: '1',
      FOLIO_DATA_DIR: '/tmp/folio-faults-unused',
    });
    runtime = await openRuntime(config, {
      db,
      logger: silentLogger,
      clock: fixedClock('2026-07-01T12:00:00Z'),
    });
    app = createApp(runtime);
    await upsertRecords(db, runtime.clock, [PAPER], { source: 'test' });
  });
  afterAll(async () => {
    await runtime?.close();
    await proxy?.close();
    await test?.cleanup();
  });

  it('a checked-out client whose server connection is terminated fails its query with a 503 error and the next query reconnects', async () => {
    // Observed from the start: it fails while the test is still busy terminating.
    const pinned = failureOf(
      db.kysely.connection().execute(async (conn) => {
        await sql`select pg_sleep(30)`.execute(conn);
      }),
    );
    await waitFor(async () => {
      const { rows } = await adminQuery(
        `select count(*)::int as n from pg_stat_activity where datname = $1 and query like 'select pg_sleep%'`,
        [dbName],
      );
      return rows[0].n === 1;
    });
    const { rows } = await adminQuery(
      `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()) t`,
      [dbName],
    );
    expect(rows[0].n).toBeGreaterThan(0);
    expectUnavailable(await pinned);
    // A read outside a transaction that meets a connection dropped while idle runs again on a
    // fresh one, so it succeeds at once.
    const after = await db.kysely.selectFrom('papers').select('id').execute();
    expect(after).toEqual([{ id: PAPER.id }]);
  });

  it('a job whose pinned lock connection is terminated fails that run only; the next run takes the lock again', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const run = failureOf(
      withJobLock(db, 'fault-job', async () => {
        started();
        await sql`select pg_sleep(30)`.execute(db.kysely);
      }),
    );
    await running;
    await waitFor(async () => {
      const { rows } = await adminQuery(
        `select count(*)::int as n from pg_locks l join pg_stat_activity a using (pid) where a.datname = $1 and l.locktype = 'advisory'`,
        [dbName],
      );
      return rows[0].n === 1;
    });
    await adminQuery(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [dbName],
    );
    expectUnavailable(await run);
    // The pool hears of its other terminated connections as their sockets close; once a plain
    // query goes through, the pool holds only live connections again.
    await waitFor(async () => (await failureOf(sql`select 1`.execute(db.kysely))) === null);
    let ran = 0;
    await expect(withJobLock(db, 'fault-job', async () => void ran++)).resolves.toBe(true);
    expect(ran).toBe(1);
  });

  it('while the server is away requests get 503 with Retry-After, readiness says why, and they are served again when it returns', async () => {
    expect((await app.request(`/api/v1/papers/${PAPER.id}`)).status).toBe(200);
    await proxy.down();
    const page = await app.request(`/papers/${PAPER.id}`);
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    const api = await app.request('/api/v1/papers/2606.00002');
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('5');
    expect(await api.json()).toMatchObject({ status: 503, code: 'store_unavailable' });
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', reason: 'database' });
    await proxy.up();
    const back = await app.request(`/api/v1/papers/${PAPER.id}`);
    expect(back.status).toBe(200);
    expect(((await back.json()) as { paper: { title: string } }).paper.title).toBe(PAPER.title);
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('semantic search started while the database is away comes up once it returns', async () => {
    await upsertRecords(db, runtime.clock, generatedPapers(60), { source: 'test' });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-faults-semantic-'));
    const semantic = new SemanticService({
      db,
      config: { dataDir, embeddings: { embedder: 'builtin' } },
      logger: silentLogger,
      clock: runtime.clock,
      minPapers: 1,
      storeRetryMs: 20,
    });
    try {
      await proxy.down();
      semantic.start();
      await semantic.idle();
      // The outage is not a failure: nothing is marked failed, and it tries again.
      expect(semantic.status()).toMatchObject({ semantic: 'off', error: null, model: null });
      await proxy.up();
      for (let i = 0; i < 2000 && semantic.status().semantic !== 'ready'; i++) {
        await semantic.idle();
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(semantic.status()).toMatchObject({ semantic: 'ready', indexed: 61, error: null });
    } finally {
      await semantic.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('start-up waits for an unreachable database with growing pauses, saying so on each try', async () => {
    await proxy.down();
    const lines: string[] = [];
    const logger = createLogger('info', {
      write: (line: string) => void lines.push(line),
    } as unknown as NodeJS.WritableStream);
    const pauses: number[] = [];
    await waitForStore(db, logger, {
      maxWaitMs: 60_000,
      sleep: async (ms) => {
        pauses.push(ms);
        if (pauses.length === 12) await proxy.up();
      },
    });
    // Every second at most, and a line at the first three attempts and every tenth.
    expect(pauses).toEqual([500, ...Array<number>(11).fill(1000)]);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.map((l) => l.msg)).toEqual([
      'waiting for the database',
      'waiting for the database',
      'waiting for the database',
      'waiting for the database',
      'database reachable; starting',
    ]);
    expect(logged.slice(0, 4).map((l) => [l.attempt, l.retryInSeconds])).toEqual([
      [1, 0.5],
      [2, 1],
      [3, 1],
      [10, 1],
    ]);
    expect(logged[0]).toMatchObject({ attempt: 1, retryInSeconds: 0.5, store: db.label });
    expect(String(logged[0]!.cause)).toMatch(/ECONNREFUSED|terminated|connect/i);
  });

  it('start-up gives up after the configured wait with the cause', async () => {
    await proxy.down();
    try {
      const failure = await failureOf(
        waitForStore(db, silentLogger, { maxWaitMs: 1000, sleep: async () => undefined }),
      );
      expectUnavailable(failure);
    } finally {
      await proxy.up();
    }
  });
});

describe('SQLite file locked by another process', () => {
  let test: TestDb;
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let runtime: Runtime;
  let other: Database.Database;
  let token: string;

  beforeAll(async () => {
    test = await openTestDb('sqlite');
    db = createDb({ kind: 'sqlite', file: test.url }, { lockWaitMs: 300 });
    const config = loadConfig({
      FOLIO_DATABASE_URL: test.url,
      FOLIO_LOAD_DEMO: '0',
      FOLIO_OFFLINE: '1',
      FOLIO_DATA_DIR: '/tmp/folio-faults-unused',
    });
    runtime = await openRuntime(config, {
      db,
      logger: silentLogger,
      clock: fixedClock('2026-07-01T12:00:00Z'),
    });
    app = createApp(runtime);
    await upsertRecords(db, runtime.clock, [PAPER], { source: 'test' });
    const member = await ensureUser(db, runtime.clock, 'reader@example.org');
    token = (await createApiToken(db, runtime.clock, member, 'faults')).token;
    other = new Database(test.url);
  });
  afterAll(async () => {
    other?.close();
    await runtime?.close();
    await test?.cleanup();
  });

  it('a write waits for the lock between event-loop turns and answers 503 when it is not released; reads go on', async () => {
    other.exec('begin immediate');
    try {
      let turns = 0;
      const ticker = setInterval(() => turns++, 1);
      const write = upsertRecords(db, runtime.clock, [{ ...PAPER, title: 'Changed' }], {
        source: 'test',
      });
      // A read answers while the write waits (WAL readers are not blocked by a writer).
      const read = await app.request(`/api/v1/papers/${PAPER.id}`);
      expect(read.status).toBe(200);
      expectUnavailable(await failureOf(write));
      clearInterval(ticker);
      expect(turns).toBeGreaterThan(0);
      const comment = await app.request(`/api/v1/papers/${PAPER.id}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ body: 'Does it come back?' }),
      });
      expect(comment.status).toBe(503);
      expect(comment.headers.get('retry-after')).toBe('5');
    } finally {
      other.exec('rollback');
    }
    const title = await db.kysely
      .selectFrom('papers')
      .select('title')
      .where('id', '=', PAPER.id)
      .executeTakeFirstOrThrow();
    expect(title.title).toBe(PAPER.title);
  });

  it('a write that finds the lock taken goes through once it is released within the wait', async () => {
    other.exec('begin immediate');
    const write = upsertRecords(db, runtime.clock, [{ ...PAPER, title: 'Changed' }], {
      source: 'test',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    other.exec('rollback');
    await write;
    const row = await db.kysely
      .selectFrom('papers')
      .select('title')
      .where('id', '=', PAPER.id)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe('Changed');
  });
});
