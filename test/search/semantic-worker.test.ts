import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { createLogger, silentLogger } from '../../src/logger.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { BuiltinEmbedder } from '../../src/search/embed/builtin-embedder.ts';
import { trainLsa } from '../../src/search/embed/lsa-train.ts';
import {
  countWithoutVector,
  findActiveModel,
  toVector,
} from '../../src/search/semantic/embedding.repository.ts';
import { SearchService } from '../../src/search/search.service.ts';
import { SemanticService } from '../../src/search/semantic/semantic.service.ts';
import { MIN_WORKER_HEAP_MB, SemanticWorker } from '../../src/search/worker/semantic-worker.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { generatedPapers } from './generated-papers.ts';

/** Lets the event loop turn until `done()` holds (no clock involved). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

describe.each(dialects)('semantic work in the worker thread (%s)', (dialect) => {
  const opened: TestRuntime[] = [];
  const extra: SemanticService[] = [];
  afterEach(async () => {
    for (const s of extra.splice(0)) await s.close();
    for (const t of opened.splice(0)) {
      await t.runtime.search.close();
      await t.cleanup();
    }
  });

  async function runtimeWith(papers: PaperRecord[], notify = true): Promise<TestRuntime> {
    const t = await createTestRuntime(dialect);
    opened.push(t);
    if (notify) await t.runtime.papers.store(papers, { source: 'test' });
    else await upsertRecords(t.runtime.db, t.runtime.clock, papers, { source: 'test' });
    return t;
  }

  /** A service over the same store, as a restarted process would build it. */
  function restarted(t: TestRuntime): SemanticService {
    const service = new SemanticService({
      db: t.runtime.db,
      config: { dataDir: t.dataDir, embeddings: { embedder: 'builtin' } },
      logger: silentLogger,
      clock: t.runtime.clock,
      settleMs: 10,
    });
    extra.push(service);
    return service;
  }

  async function storedVectors(t: TestRuntime, modelId: string) {
    const rows = await t.runtime.db.kysely
      .selectFrom('embeddings as e')
      .innerJoin('papers as p', 'p.pid', 'e.pid')
      .select(['p.title', 'p.abstract', 'e.vector'])
      .where('e.model_id', '=', modelId)
      .execute();
    return rows.map((r) => ({ title: r.title, abstract: r.abstract, vector: toVector(r.vector) }));
  }

  it('trains the same model and stores the same vectors as training on this thread', async () => {
    const t = await runtimeWith(generatedPapers(400));
    t.runtime.search.start();
    await t.runtime.search.semantic!.idle();
    expect(t.runtime.search.status()).toMatchObject({ semantic: 'ready', indexed: 400 });

    const texts = await t.runtime.db.kysely
      .selectFrom('papers')
      .select(['title', 'abstract'])
      .orderBy('pid', 'desc')
      .execute();
    const here = BuiltinEmbedder.fromModel(await trainLsa(texts));
    const stored = await findActiveModel(t.runtime.db);
    expect(stored?.id).toBe(here.embedder.modelId);
    expect(Buffer.from(stored!.data!).equals(here.bytes)).toBe(true);

    const vectors = await storedVectors(t, here.embedder.modelId);
    expect(vectors).toHaveLength(400);
    for (const row of vectors.slice(0, 50))
      expect(Array.from(row.vector)).toEqual(Array.from(here.embedder.model.embed(row)));
  });

  it('answers requests and keyword searches while a training run is in progress', async () => {
    const papers = generatedPapers(3000);
    const t = await runtimeWith(papers);
    const order: string[] = [];
    t.runtime.search.start();
    const semantic = t.runtime.search.semantic!;
    const ready = semantic.idle().then(() => order.push('semantic ready'));
    await until(() => t.runtime.search.status().semantic === 'training');
    const health = await t.app.request('/healthz');
    order.push('healthz');
    expect(health.status).toBe(200);
    const found = await t.runtime.search.search({ q: papers[10]!.title, limit: 5 });
    order.push('keyword search');
    expect(found.mode).toBe('keyword');
    expect(found.hits[0]!.paper.id).toBe(papers[10]!.id);
    await ready;
    expect(order).toEqual(['healthz', 'keyword search', 'semantic ready']);
    expect(t.runtime.search.status()).toMatchObject({ semantic: 'ready', indexed: 3000 });
    const semanticHits = await t.runtime.search.search({
      q: papers[10]!.title,
      mode: 'semantic',
      limit: 10,
    });
    // Generated paper n is on topic n % 8: most of the nearest papers (in similarity order)
    // share the query's topic; abstracts mix in other topics' words, so not all of them do.
    const topicOf = (id: string) => (Number(id.slice(5)) - 10000) % 8;
    const sameTopic = semanticHits.hits.filter(
      (h) => topicOf(h.paper.id) === topicOf(papers[10]!.id),
    );
    expect(sameTopic.length).toBeGreaterThanOrEqual(6);
  });

  it('stops cleanly when closed during training', async () => {
    const t = await runtimeWith(generatedPapers(3000));
    t.runtime.search.start();
    await until(() => t.runtime.search.status().semantic === 'training');
    await t.runtime.search.close();
    const status = t.runtime.search.status();
    expect(status.semantic).not.toBe('failed');
    expect(status.error).toBeNull();
    expect(await findActiveModel(t.runtime.db)).toBeNull();
    // Keyword search is untouched.
    const found = await t.runtime.search.search({ q: 'robot grasp', limit: 3 });
    expect(found.hits.length).toBeGreaterThan(0);
  });

  it('embeds at the next start the papers stored before a crash left them without vectors', async () => {
    const t = await runtimeWith(generatedPapers(400));
    t.runtime.search.start();
    await t.runtime.search.semantic!.idle();
    await t.runtime.search.close();
    // Stored, but the process died before the paper listener embedded them.
    const late = generatedPapers(600, 400);
    await upsertRecords(t.runtime.db, t.runtime.clock, late, { source: 'test' });
    const modelId = t.runtime.search.status().model!.id;
    expect(await countWithoutVector(t.runtime.db, modelId)).toBe(600);

    const next = restarted(t);
    next.start();
    await next.idle();
    expect(next.status()).toMatchObject({ semantic: 'ready', indexed: 1000 });
    expect(next.status().model?.id).toBe(modelId);
    expect(await countWithoutVector(t.runtime.db, modelId)).toBe(0);
    const model = (await findActiveModel(t.runtime.db))!;
    const embedder = BuiltinEmbedder.fromBytes(model.data!);
    const vectors = await storedVectors(t, modelId);
    for (const row of vectors.filter((v) => v.title.endsWith(' 999') || v.title.endsWith(' 450')))
      expect(Array.from(row.vector)).toEqual(Array.from(embedder.model.embed(row)));
    const hits = await next.search(late[123]!.title, 10, { categories: [], hasCode: false });
    expect(hits.map((h) => h.paper.id)).toContain(late[123]!.id);
  });

  it('embeds a large batch from an ingest through the worker like a small one inline', async () => {
    const t = await runtimeWith(generatedPapers(400));
    t.runtime.search.start();
    await t.runtime.search.semantic!.idle();
    const small = generatedPapers(20, 400);
    const large = generatedPapers(700, 420);
    for (const batch of [small, large]) await t.runtime.papers.store(batch, { source: 'test' });
    expect(t.runtime.search.status().indexed).toBe(1120);
    const model = (await findActiveModel(t.runtime.db))!;
    const embedder = BuiltinEmbedder.fromBytes(model.data!);
    for (const row of await storedVectors(t, model.id))
      expect(Array.from(row.vector)).toEqual(Array.from(embedder.model.embed(row)));
  });
});

describe.each(dialects)('a crashing semantic worker (%s)', (dialect) => {
  it('is logged, semantic search stays off and keyword search keeps working', async () => {
    const t = await createTestRuntime(dialect);
    const papers = generatedPapers(3000);
    await upsertRecords(t.runtime.db, t.runtime.clock, papers, { source: 'test' });
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    // The smallest heap a worker may have, far too small for training: the worker thread
    // dies of it, for real, and the process goes on.
    const semantic = new SemanticService({
      db: t.runtime.db,
      config: { dataDir: t.dataDir, embeddings: { embedder: 'builtin' } },
      logger,
      clock: t.runtime.clock,
      workerHeapMb: MIN_WORKER_HEAP_MB,
    });
    try {
      semantic.start();
      await semantic.idle();
      expect(semantic.ready()).toBe(false);
      expect(semantic.status()).toMatchObject({ semantic: 'failed', model: null });
      expect(semantic.status().error).toMatch(/semantic worker/);
      expect(lines.join('')).toMatch(/semantic worker crashed; semantic search is off/);
      await semantic.onPapersStored([]);
      const search = new SearchService({ db: t.runtime.db, logger, semantic });
      const found = await search.search({ q: papers[3]!.title, limit: 3 });
      expect(found.mode).toBe('keyword');
      expect(found.hits[0]!.paper.id).toBe(papers[3]!.id);
    } finally {
      await semantic.close();
      await t.runtime.search.close();
      await t.cleanup();
    }
  });

  it('refuses a heap limit too small for the worker to start', () => {
    // Below it, Node.js 24 aborts the whole process while creating the worker's isolate.
    expect(() => new SemanticWorker({ maxHeapMb: 2 })).toThrow(
      "the semantic worker's heap limit must be at least 8 MB (got 2)",
    );
  });
});

describe.each(dialects)('a vector index built in the worker (%s)', (dialect) => {
  it('answers like the exact index built from the stored vectors', async () => {
    const t = await createTestRuntime(dialect);
    const papers = generatedPapers(600);
    await upsertRecords(t.runtime.db, t.runtime.clock, papers, { source: 'test' });
    const options = {
      db: t.runtime.db,
      embeddings: { embedder: 'builtin' as const },
      logger: silentLogger,
      clock: t.runtime.clock,
    };
    const built = new SemanticService({
      ...options,
      config: { dataDir: t.dataDir, embeddings: options.embeddings },
      workerIndexAbove: 100,
    });
    const exact = new SemanticService({
      ...options,
      // A folder without the saved file: the exact index is built from the stored vectors.
      config: { dataDir: path.join(t.dataDir, 'elsewhere'), embeddings: options.embeddings },
    });
    try {
      built.start();
      await built.idle();
      expect(built.status()).toMatchObject({ semantic: 'ready', index: 'hnsw', indexed: 600 });
      await exact.open();
      expect(exact.status()).toMatchObject({ index: 'exact', indexed: 600 });
      const none = { categories: [], hasCode: false };
      for (const p of [papers[1]!, papers[250]!, papers[599]!]) {
        const fromWorker = (await built.search(p.title, 10, none)).map((h) => h.paper.id);
        const fromStore = (await exact.search(p.title, 10, none)).map((h) => h.paper.id);
        expect(fromWorker[0]).toBe(fromStore[0]);
        expect(fromWorker.filter((id) => fromStore.includes(id)).length).toBeGreaterThanOrEqual(8);
      }
    } finally {
      await built.close();
      await exact.close();
      await t.runtime.search.close();
      await t.cleanup();
    }
  });
});
