import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { SearchService } from '../../src/search/search.service.ts';
import { SemanticService } from '../../src/search/semantic/semantic.service.ts';
import { dialects } from '../support/databases.ts';
import { startLocalServer, type LocalServer } from '../support/http-server.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { SEARCH_PAPERS } from '../support/seed-papers.ts';

const API_KEY = 'sk-test-do-not-log-0123456789';

/** A deterministic stand-in model: each word hashed into one of 64 dimensions. */
function embed(text: string): number[] {
  const v = new Array<number>(64).fill(0);
  for (const w of text.toLowerCase().match(/[a-z]+/g) ?? []) {
    let h = 0;
    for (const c of w.slice(0, 5)) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    v[h % 64]! += 1;
  }
  return v;
}

describe.each(dialects)('OpenAI-compatible embedder (%s)', (dialect) => {
  let t: TestRuntime;
  let server: LocalServer;
  const bodies: { model: string; input: string[] }[] = [];
  /** While set, the endpoint holds every answer until the test releases it. */
  let hold: { arrived: () => void; released: Promise<void> } | null = null;

  beforeAll(async () => {
    server = await startLocalServer(async (request) => {
      if (request.method !== 'POST' || request.url !== '/v1/embeddings') return { status: 404 };
      if (request.headers.authorization !== `Bearer ${API_KEY}`) return { status: 401 };
      const body = bodies[bodies.length - 1]!;
      if (hold) {
        hold.arrived();
        await hold.released;
      }
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          object: 'list',
          model: body.model,
          data: body.input.map((text, index) => ({
            object: 'embedding',
            index,
            embedding: embed(text),
          })),
        }),
      };
    });
    t = await createTestRuntime(dialect);
    await upsertRecords(t.runtime.db, t.runtime.clock, SEARCH_PAPERS, { source: 'test' });
  });
  afterAll(async () => {
    await t.cleanup();
    await server.close();
  });

  function semanticWith(env: 'builtin' | 'openai', logs?: string[]) {
    const logger = logs
      ? createLogger(
          'debug',
          new Writable({
            write(chunk, _enc, done) {
              logs.push(String(chunk));
              done();
            },
          }),
        )
      : t.runtime.logger;
    // The local server records bodies through fetch's request; capture them by wrapping fetch.
    const semantic = new SemanticService({
      db: t.runtime.db,
      config: {
        dataDir: t.dataDir,
        embeddings:
          env === 'builtin'
            ? { embedder: 'builtin' }
            : { embedder: 'openai', url: `${server.url}/v1`, model: 'test-embed', apiKey: API_KEY },
      },
      logger,
      clock: t.runtime.clock,
      minPapers: 3,
    });
    return { semantic, search: new SearchService({ db: t.runtime.db, logger, semantic }) };
  }

  it('switches from the built-in model to the endpoint, answering from the old vectors meanwhile', async () => {
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      bodies.push(JSON.parse(String(init?.body)) as { model: string; input: string[] });
      return realFetch(input, init);
    }) as typeof fetch;
    try {
      const builtin = semanticWith('builtin');
      builtin.search.start();
      await builtin.semantic.idle();
      expect(builtin.search.status().model?.kind).toBe('builtin-lsa');
      await builtin.search.close();

      const logs: string[] = [];
      const remote = semanticWith('openai', logs);
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => {
        hold = { arrived: resolve, released: new Promise<void>((r) => (release = r)) };
      });
      remote.search.start();
      // While the endpoint embeds (its first answer held back), the built-in model's vectors
      // keep answering.
      await arrived;
      const during = await remote.search.search({ q: 'model merging', mode: 'semantic' });
      expect(during.semanticReady).toBe(true);
      expect(remote.search.status().model?.kind).toBe('builtin-lsa');
      hold = null;
      release();
      await remote.semantic.idle();
      const status = remote.search.status();
      expect(status.model).toEqual({
        id: 'openai:test-embed',
        kind: 'openai',
        dims: 64,
        similarityFloor: expect.any(Number),
      });
      expect(status.indexed).toBe(SEARCH_PAPERS.length);
      const after = await remote.search.search({
        q: 'speech transformers',
        mode: 'semantic',
        limit: 3,
      });
      expect(after.hits[0]!.paper.id).toBe('2601.00005');
      expect(bodies.every((b) => b.model === 'test-embed')).toBe(true);
      expect(logs.join('')).not.toContain(API_KEY);
      const models = await t.runtime.db.kysely
        .selectFrom('embedding_models')
        .select(['id', 'status', 'params'])
        .execute();
      expect(models.find((m) => m.status === 'active')?.id).toBe('openai:test-embed');
      expect(models.map((m) => m.params).join('')).not.toContain(API_KEY);
      await remote.search.close();
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
