import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/community/api-tokens.ts';
import { startSession } from '../../src/community/session.service.ts';
import { ensureUser } from '../../src/community/user.service.ts';
import { loadConfig } from '../../src/config.ts';
import { readsMayLag } from '../../src/db/read-routing.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { silentLogger } from '../../src/logger.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { ModelIndex } from '../../src/search/semantic/vector-store-index.ts';
import {
  activateModel,
  findActiveModel,
  pidsOf,
  saveModel,
  saveVectors,
} from '../../src/search/semantic/embedding.repository.ts';
import { openRuntime, type Runtime } from '../../src/services.ts';
import { createApp } from '../../src/web/app.ts';
import { openTestDb, TEST_PG_URL, type TestDb } from '../support/databases.ts';

const clock = fixedClock('2026-07-01T12:00:00Z');

function paper(id: string, title: string) {
  return {
    id,
    title,
    abstract: 'Where reads are served from.',
    authors: ['Ada Lovelace'],
    categories: ['cs.DB'],
    listingDate: '2026-06-30',
  };
}

/**
 * The "replica" here is a second database on the same server holding different papers, so each
 * answer shows which side it was read from (bench:fleet runs a real streaming replica).
 */
describe.skipIf(!TEST_PG_URL)('reads with FOLIO_DATABASE_READ_URL on PostgreSQL', () => {
  let primary: TestDb;
  let replica: TestDb;
  let runtime: Runtime;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    primary = await openTestDb('postgres');
    replica = await openTestDb('postgres');
    await upsertRecords(primary.db, clock, [paper('2606.00001', 'Primary only paper')], {
      source: 'test',
    });
    await upsertRecords(
      replica.db,
      clock,
      [
        paper('2606.00002', 'Replica only paper'),
        paper('2606.00003', 'Replica second paper'),
        paper('2606.00004', 'Replica third paper'),
      ],
      { source: 'test' },
    );
    runtime = await openRuntime(
      loadConfig({
        FOLIO_DATABASE_URL: primary.url,
        FOLIO_DATABASE_READ_URL: replica.url,
        FOLIO_LOAD_DEMO: '0',
        FOLIO_OFFLINE: '1',
        FOLIO_MAIL_OUTBOX: 'database',
      }),
      { clock, logger: silentLogger },
    );
    app = createApp(runtime);
  });
  afterAll(async () => {
    await runtime.close();
    await primary.cleanup();
    await replica.cleanup();
  });

  it('serves anonymous pages, lists, feeds and API reads from the replica', async () => {
    expect((await app.request('/papers/2606.00002')).status).toBe(200);
    expect((await app.request('/papers/2606.00001')).status).toBe(404);
    const api = await app.request('/api/v1/papers/2606.00002');
    expect(api.status).toBe(200);
    const list = await (await app.request('/papers/date/2026-06-30?list=arxiv')).text();
    expect(list).toContain('Replica only paper');
    expect(list).not.toContain('Primary only paper');
    const feed = await (await app.request('/feeds/category/cs.DB.rss')).text();
    expect(feed).toContain('Replica only paper');
    expect(feed).not.toContain('Primary only paper');
  });

  it("reads a signed-in member's and a token holder's requests, and every write, from the primary", async () => {
    const member = await ensureUser(runtime.db, clock, 'member@example.org');
    const session = await startSession(runtime.db, clock, member.id);
    const cookie = `folio_session=${session.token}`;
    expect((await app.request('/papers/2606.00001', { headers: { cookie } })).status).toBe(200);
    expect((await app.request('/papers/2606.00002', { headers: { cookie } })).status).toBe(404);

    const { token } = await createApiToken(runtime.db, clock, member, 'script', 'write');
    const auth = { authorization: `Bearer ${token}` };
    const vote = await app.request('/api/v1/papers/2606.00001/vote', {
      method: 'PUT',
      headers: auth,
    });
    expect(await vote.json()).toEqual({ voted: true, upvotes: 1 });
    // The member reads their own write back at once.
    const after = await app.request('/api/v1/papers/2606.00001', { headers: auth });
    expect(after.status).toBe(200);
    expect(JSON.stringify(await after.json())).toContain('Primary only paper');
    // Anonymous readers see the replica, where the vote (and the paper) has not arrived.
    expect((await app.request('/api/v1/papers/2606.00001')).status).toBe(404);
  });

  it('reads from the primary for a while after an anonymous write in the same browser', async () => {
    const form = await app.request('/subscribe');
    const csrfCookie = form.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const subscribed = await app.request('/subscribe', {
      method: 'POST',
      headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        email: 'reader@example.org',
        frequency: 'daily',
      }).toString(),
    });
    expect(subscribed.status).toBeLessThan(400);
    const wrote = subscribed.headers.getSetCookie().find((c) => c.startsWith('folio_wrote='))!;
    expect(wrote).toContain('Max-Age=30');
    const cookie = `${csrfCookie}; ${wrote.split(';')[0]!}`;
    expect((await app.request('/papers/2606.00001', { headers: { cookie } })).status).toBe(200);
  });

  it('loads the keyword index from the replica, and runs locks and writes on the primary', async () => {
    runtime.search.start();
    await runtime.search.keyword.idle();
    expect(runtime.search.keyword.size()).toBe(3);
    // Inside a lag-tolerant scope a write still reaches the primary.
    await readsMayLag(() =>
      upsertRecords(runtime.db, clock, [paper('2606.00005', 'Written in a read scope')], {
        source: 'test',
      }),
    );
    const onPrimary = await primary.db.kysely
      .selectFrom('papers')
      .select('id')
      .orderBy('id')
      .execute();
    expect(onPrimary.map((p) => p.id)).toEqual(['2606.00001', '2606.00005']);
    const onReplica = await replica.db.kysely.selectFrom('papers').select('id').execute();
    expect(onReplica.map((p) => p.id).sort()).toEqual(['2606.00002', '2606.00003', '2606.00004']);
  });

  it("loads a semantic model's vectors from the replica, and which model is active from the primary", async () => {
    const model = {
      id: 'replica-test-model',
      kind: 'test',
      dims: 4,
      params: {},
      data: null,
    };
    // The same model on both sides, with vectors for the papers each side holds; only the
    // primary has it active.
    for (const side of [primary, replica]) {
      const status = side === primary ? ('active' as const) : ('retired' as const);
      await saveModel(side.db, { ...model, status }, clock.now().toISOString());
      const pids = [
        ...(
          await pidsOf(side.db, [
            '2606.00001',
            '2606.00002',
            '2606.00003',
            '2606.00004',
            '2606.00005',
          ])
        ).values(),
      ];
      const vectors = Float32Array.from(pids.flatMap((pid) => [pid, 1, 0, 0]));
      await saveVectors(side.db, model.id, pids, vectors, model.dims, clock.now().toISOString());
    }
    await activateModel(primary.db, model.id, clock.now().toISOString());
    expect((await findActiveModel(runtime.db))?.id).toBe(model.id);
    expect(await readsMayLag(() => findActiveModel(runtime.db))).toBeNull();

    const index = await ModelIndex.open(runtime.db, model.id, model.dims, null, silentLogger);
    const replicaPids = await pidsOf(replica.db, ['2606.00002', '2606.00003', '2606.00004']);
    expect(index.index.size()).toBe(3);
    for (const pid of replicaPids.values()) expect(index.index.has(pid)).toBe(true);
  });
});

describe('FOLIO_DATABASE_READ_URL with SQLite', () => {
  it('is accepted and changes nothing: every read is from the one file', async () => {
    const store = await openTestDb('sqlite');
    await upsertRecords(store.db, clock, [paper('2606.00001', 'Only paper')], { source: 'test' });
    const runtime = await openRuntime(
      loadConfig({
        FOLIO_DATABASE_URL: store.url,
        FOLIO_DATABASE_READ_URL: 'postgres://nobody@127.0.0.1:1/none',
        FOLIO_LOAD_DEMO: '0',
        FOLIO_OFFLINE: '1',
      }),
      { clock, logger: silentLogger },
    );
    try {
      expect((await createApp(runtime).request('/papers/2606.00001')).status).toBe(200);
    } finally {
      await runtime.close();
      await store.cleanup();
    }
  });
});
