import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { keywordSearch } from '../../src/search/keyword/keyword.repository.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { SEARCH_PAPERS } from '../support/seed-papers.ts';

describe.each(dialects)('in-process keyword index (%s)', (dialect) => {
  let t: TestRuntime;
  let stateBefore: string;
  let stateBuilding: string;
  const ids = async (q: string, extra: Record<string, unknown> = {}) =>
    (await t.runtime.search.search({ q, mode: 'keyword', ...extra })).hits.map((h) => h.paper.id);
  const store = (records: typeof SEARCH_PAPERS, notify = true) =>
    notify
      ? t.runtime.papers.store(records, { source: 'test' })
      : upsertRecords(t.runtime.db, t.runtime.clock, records, { source: 'test' });

  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    // Half before the build (read from the store), half after (through the listener).
    await store(SEARCH_PAPERS.slice(0, 3), false);
    stateBefore = t.runtime.search.status().keyword;
    t.runtime.search.keyword.start();
    stateBuilding = t.runtime.search.status().keyword;
    await t.runtime.search.keyword.idle();
    await store(SEARCH_PAPERS.slice(3));
  });
  afterAll(async () => {
    await t.runtime.search.close();
    await t.cleanup();
  });

  it('is built from the store and kept in step by the listener', () => {
    expect(stateBefore).toBe('full-text');
    expect(stateBuilding).toBe('indexing');
    expect(t.runtime.search.status().keyword).toBe('ready');
    expect(t.runtime.search.keyword.ready()).toBe(true);
    expect(t.runtime.search.keyword.size()).toBe(SEARCH_PAPERS.length);
  });

  it('ranks as the fixtures expect: title above abstract, stems, filters, exclusions, dates', async () => {
    const found = await ids('model merging');
    expect(found[0]).toBe('2601.00001');
    expect(found).toContain('2601.00002');
    expect((await ids('transformer'))[0]).toBe('2601.00005');
    expect(await ids('models cat:cs.cv')).toEqual(['2601.00002']);
    expect((await ids('models has:code')).sort()).toEqual(['2601.00001', '2601.00005']);
    expect(await ids('models', { from: '2026-02-01', to: '2026-02-28' })).toEqual(['2601.00003']);
    expect(await ids('models', { categories: ['q-bio.BM'] })).toEqual(['2601.00004']);
    expect(await ids('models -diffusion')).not.toContain('2601.00002');
    expect((await ids('models', { sort: 'date' }))[0]).toBe('2601.00005');
    const first = await t.runtime.search.search({ q: 'models', mode: 'keyword', limit: 2 });
    expect(first.total).toBe(5);
  });

  it('leaves phrases, authors and prefixes to the full-text path', async () => {
    expect((await ids('"model merging"')).sort()).toEqual(['2601.00001', '2601.00002']);
    expect((await ids('models author:turing')).sort()).toEqual(['2601.00001', '2601.00003']);
    expect(await ids('reinforc*')).toEqual(['2601.00003']);
  });

  it.runIf(dialect === 'sqlite')('orders exactly as FTS5 bm25() does', async () => {
    for (const q of ['model merging', 'language models', 'speech transformer models', 'graph']) {
      const query = parseQuery(q);
      const req = {
        query,
        filters: { categories: [], hasCode: false },
        sort: 'relevance' as const,
      };
      const fts = await keywordSearch(t.runtime.db, { ...req, limit: 20, offset: 0 });
      const idx = await t.runtime.search.keyword.search({ ...req, limit: 20, offset: 0 });
      expect(idx.rows.map((r) => r.id)).toEqual(fts.rows.map((r) => r.id));
      idx.rows.forEach((r, i) => expect(r.score).toBeCloseTo(fts.rows[i]!.score, 6));
    }
  });

  it('sees a changed paper at once through the listener', async () => {
    await store([{ ...SEARCH_PAPERS[3]!, title: 'Zeolite Catalysis with Graph Networks' }]);
    expect(await ids('zeolite')).toEqual(['2601.00004']);
    expect(await ids('neural')).toEqual([]);
  });

  it('picks up papers another process wrote by polling modified_at', async () => {
    t.clock.advance(60_000);
    await store(
      [
        {
          id: '2601.00099',
          title: 'Xylophone Acoustics',
          abstract: 'Bars of wood.',
          authors: ['Nobody'],
          categories: ['cs.SD'],
        },
      ],
      false,
    );
    await t.runtime.search.keyword.poll();
    expect(await ids('xylophone')).toEqual(['2601.00099']);
  });
});
