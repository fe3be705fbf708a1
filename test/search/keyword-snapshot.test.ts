import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { snapshotFileFor } from '../../src/search/bm25/bm25-snapshot.ts';
import { SearchService } from '../../src/search/search.service.ts';
import type { SearchQuery } from '../../src/search/search.types.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { SEARCH_PAPERS } from '../support/seed-papers.ts';

/** What a search answers, as compared between processes: papers, scores, total. */
async function answer(search: SearchService, input: SearchQuery) {
  const found = await search.search({ mode: 'keyword', limit: 50, ...input });
  return {
    total: found.total,
    hits: found.hits.map((h) => [h.paper.id, h.score]),
    suggestion: found.suggestion,
  };
}

const QUERIES: SearchQuery[] = [
  { q: 'model merging' },
  { q: 'language models', sort: 'date' },
  { q: 'models -diffusion' },
  { q: 'models cat:cs.cv' },
  { q: 'molecules' },
  { q: 'transfromer' },
  { q: 'models', limit: 2, offset: 2 },
];

describe.each(dialects)('keyword index snapshot for one-off processes (%s)', (dialect) => {
  let t: TestRuntime;
  let file: string;
  /** A second search service on the same store, as `folio search` makes (nothing started). */
  const oneOff = () =>
    new SearchService({ db: t.runtime.db, logger: silentLogger, keywordSnapshot: file });
  const answers = (search: SearchService) => Promise.all(QUERIES.map((q) => answer(search, q)));

  beforeAll(async () => {
    t = await createTestRuntime(dialect, { search: 'keyword' });
    file = snapshotFileFor(t.dataDir);
    await t.runtime.papers.store(SEARCH_PAPERS, { source: 'test' });
    t.runtime.search.keyword.start();
    await t.runtime.search.keyword.idle();
  });
  afterAll(() => t.cleanup());

  it('is written once the index is built, and answers as the running index does', async () => {
    expect(fs.existsSync(file)).toBe(true);
    const search = oneOff();
    expect(await search.keyword.open()).toBe(true);
    expect(search.status().keyword).toBe('ready');
    expect(await answers(search)).toEqual(await answers(t.runtime.search));
    // The snapshot ranks as the index, not as the store's full-text path (word variants).
    const molecules = await answer(search, { q: 'molecules' });
    expect(molecules.total).toBeGreaterThan(0);
    await search.close();
  });

  it('catches up with papers stored since it was written', async () => {
    const written = fs.statSync(file).mtimeMs;
    // Written by another process: neither index hears of it.
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [{ ...SEARCH_PAPERS[0]!, id: '2601.00999', title: 'Zeolite catalysis for model merging' }],
      { source: 'test' },
    );
    const search = oneOff();
    expect(await search.keyword.open()).toBe(true);
    expect((await answer(search, { q: 'zeolite' })).hits.map(([id]) => id)).toEqual(['2601.00999']);
    await t.runtime.search.keyword.poll();
    expect(await answers(search)).toEqual(await answers(t.runtime.search));
    // What it caught up with is saved for the next one.
    await search.close();
    expect(fs.statSync(file).mtimeMs).toBeGreaterThan(written);
    const next = oneOff();
    expect(await next.keyword.open()).toBe(true);
    expect(next.keyword.size()).toBe(SEARCH_PAPERS.length + 1);
    await next.close();
  });

  it('is not used when it belongs to another store, is damaged or truncated', async () => {
    const good = fs.readFileSync(file);
    const fullText = oneOff();
    const expected = await answers(fullText);
    expect(fullText.status().keyword).toBe('full-text');
    const other = await createTestRuntime(dialect, { search: 'keyword' });
    try {
      await other.runtime.papers.store(SEARCH_PAPERS.slice(0, 2), { source: 'test' });
      // A snapshot of the first store in the second store's folder.
      const foreign = snapshotFileFor(other.dataDir);
      fs.mkdirSync(`${other.dataDir}/search-index`, { recursive: true });
      fs.writeFileSync(foreign, good);
      const search = new SearchService({
        db: other.runtime.db,
        logger: silentLogger,
        keywordSnapshot: foreign,
      });
      expect(await search.keyword.open()).toBe(false);
      expect((await answer(search, { q: 'models' })).total).toBe(2);
      await search.close();
    } finally {
      await other.cleanup();
    }
    const headerLength = good.readUInt32LE(13);
    const damaged = Buffer.from(good);
    damaged[17 + headerLength + 8]! ^= 0xff;
    for (const bytes of [damaged, good.subarray(0, good.length - 1), Buffer.from('junk')]) {
      fs.writeFileSync(file, bytes);
      const search = oneOff();
      expect(await search.keyword.open()).toBe(false);
      expect(search.status().keyword).toBe('full-text');
      expect(await answers(search)).toEqual(expected);
      await search.close();
    }
    fs.writeFileSync(file, good);
  });
});
