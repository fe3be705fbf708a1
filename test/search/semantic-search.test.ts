import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../src/domain/paper.ts';
import { silentLogger } from '../../src/logger.ts';
import fs from 'node:fs';
import { modelBytes } from '../../src/search/semantic/embedding.repository.ts';
import { modelFileFor, readModelFile } from '../../src/search/semantic/model-file.ts';
import { NO_FILTERS } from '../../src/search/semantic/nearest-papers.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { paperDay } from '../../src/search/query-match.ts';
import { dayNumber } from '../../src/search/bm25/bm25-doc.ts';
import { SemanticService } from '../../src/search/semantic/semantic.service.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { hasSharedData, sharedSamplePapers } from '../support/shared-data.ts';

describe.skipIf(!hasSharedData).each(dialects)('semantic and hybrid search (%s)', (dialect) => {
  let t: TestRuntime;
  let papers: PaperRecord[];

  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    papers = sharedSamplePapers(400);
    const { runtime } = t;
    await runtime.papers.store(papers.slice(0, 390), { source: 'test' });
    runtime.search.start();
    await runtime.search.semantic!.idle();
  });
  afterAll(() => t.cleanup());

  it('trains the built-in model in the background and becomes ready', async () => {
    const status = t.runtime.search.status();
    expect(status.semantic).toBe('ready');
    expect(status.model?.kind).toBe('builtin-lsa');
    expect(status.indexed).toBe(390);
    const models = await t.runtime.db.kysely.selectFrom('embedding_models').selectAll().execute();
    expect(models).toHaveLength(1);
    expect(models[0]!.status).toBe('active');
  });

  it('answers hybrid and semantic queries', async () => {
    const target = papers[5]!;
    const hybrid = await t.runtime.search.search({ q: target.title });
    expect(hybrid.mode).toBe('hybrid');
    expect(hybrid.semanticReady).toBe(true);
    expect(hybrid.hits[0]!.paper.id).toBe(target.id);
    const semantic = await t.runtime.search.search({
      q: target.title,
      mode: 'semantic',
      limit: 10,
    });
    expect(semantic.mode).toBe('semantic');
    expect(semantic.hits.map((h) => h.paper.id)).toContain(target.id);
  });

  it('gives the same nearest papers and days without reading rows as with them', async () => {
    const semantic = t.runtime.search.semantic!;
    await t.runtime.search.keyword.idle();
    let compared = 0;
    for (const p of papers.slice(0, 40)) {
      const text = p.title.split(' ').slice(0, 3).join(' ');
      const withRows = await semantic.search(text, 50, NO_FILTERS, parseQuery(text));
      const bare = await semantic.nearest(text, 50);
      expect(bare).toEqual(withRows.map((f) => ({ pid: f.pid, score: f.score })));
      for (const f of withRows)
        expect(t.runtime.search.keyword.dayOf(f.pid)).toBe(dayNumber(paperDay(f.paper)));
      compared += withRows.length;
    }
    expect(compared).toBeGreaterThan(100);
    // Made-up words have no neighbour above the floor either way.
    expect(await semantic.nearest('xqzzv blorptang', 50)).toEqual([]);
  });

  it('finds similar papers, never the paper itself', async () => {
    const id = papers[0]!.id;
    const similar = await t.runtime.search.similar(id, 5);
    expect(similar).toHaveLength(5);
    expect(similar.map((p) => p.id)).not.toContain(id);
  });

  it('embeds papers stored later through the paper listener', async () => {
    const { runtime } = t;
    await runtime.papers.store(papers.slice(390), { source: 'test' });
    expect(runtime.search.status().indexed).toBe(400);
    const last = papers[399]!;
    const found = await runtime.search.search({ q: last.title, mode: 'semantic', limit: 5 });
    expect(found.hits.map((h) => h.paper.id)).toContain(last.id);
  });

  it('lets another instance load the same model and vectors from the store', async () => {
    const other = new SemanticService({
      db: t.runtime.db,
      config: { dataDir: t.dataDir, embeddings: { embedder: 'builtin' } },
      logger: silentLogger,
      clock: t.runtime.clock,
    });
    await other.open();
    expect(other.status().model?.id).toBe(t.runtime.search.status().model?.id);
    expect(other.status().indexed).toBe(400);
    const mine = await t.runtime.search.similar(papers[3]!.id, 5);
    expect((await other.similar(papers[3]!.id, 5)).map((p) => p.id)).toEqual(mine.map((p) => p.id));
    await other.close();
  });

  it('caches the model beside the store, and reads the store again when the cache is damaged', async () => {
    const id = t.runtime.search.status().model!.id;
    const file = modelFileFor(t.dataDir, id);
    const stored = await modelBytes(t.runtime.db, id);
    // Written by the instance above when it loaded the model.
    expect(Buffer.compare(Buffer.from(readModelFile(file)!), Buffer.from(stored!))).toBe(0);
    const target = papers[7]!;
    const expected = await t.runtime.search.semantic!.search(
      target.title,
      5,
      NO_FILTERS,
      parseQuery(target.title),
    );
    const good = fs.readFileSync(file);
    const damaged = Buffer.from(good);
    damaged[good.length - 3]! ^= 0xff;
    for (const bytes of [damaged, good.subarray(0, good.length - 1), Buffer.from('FOLIOMDL')]) {
      fs.writeFileSync(file, bytes);
      expect(readModelFile(file)).toBeNull();
      const other = new SemanticService({
        db: t.runtime.db,
        config: { dataDir: t.dataDir, embeddings: { embedder: 'builtin' } },
        logger: silentLogger,
        clock: t.runtime.clock,
      });
      await other.open();
      expect(other.status().model?.id).toBe(id);
      const found = await other.search(target.title, 5, NO_FILTERS);
      expect(found.map((f) => [f.pid, f.score])).toEqual(expected.map((f) => [f.pid, f.score]));
      await other.close();
      // Rewritten from the store.
      expect(fs.readFileSync(file).equals(good)).toBe(true);
    }
  });

  it('applies filters to semantic results', async () => {
    const result = await t.runtime.search.search({
      q: 'language models',
      mode: 'semantic',
      categories: ['cs.CV'],
    });
    for (const hit of result.hits)
      expect(hit.paper.categories.map((c) => c.toLowerCase())).toContain('cs.cv');
  });

  it('finds every paper of a narrow filter deep in the neighbours, above the floor', async () => {
    // A category only a few of the stored papers carry.
    const counts = new Map<string, number>();
    for (const p of papers.slice(0, 390))
      for (const c of new Set(p.categories)) counts.set(c, (counts.get(c) ?? 0) + 1);
    const [rare, count] = [...counts].find(([, n]) => n >= 2 && n <= 4)!;
    // Words of every such paper, so each is closer than the floor but most neighbours are not.
    const words = papers
      .slice(0, 390)
      .filter((p) => p.categories.includes(rare))
      .map((p) => p.title)
      .join(' ');
    const result = await t.runtime.search.search({
      q: `language models ${words}`,
      mode: 'semantic',
      categories: [rare],
      limit: 10,
    });
    expect(result.mode).toBe('semantic');
    expect(result.hits).toHaveLength(count);
    for (const hit of result.hits) expect(hit.paper.categories).toContain(rare);
  });
});
