import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { followNextLinks, pageToEnd } from '../support/paging.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { hasSharedData, sharedSamplePapers } from '../support/shared-data.ts';

describe.skipIf(!hasSharedData).each(dialects)(
  'paging hybrid and semantic results to the end on %s',
  (dialect) => {
    let t: TestRuntime;
    beforeAll(async () => {
      t = await createTestRuntime(dialect);
      const { runtime } = t;
      await runtime.papers.store(sharedSamplePapers(300), { source: 'test' });
      runtime.search.start();
      await runtime.search.semantic!.idle();
      expect(runtime.search.status().semantic).toBe('ready');
    });
    afterAll(() => t.cleanup());

    it('pages the service’s results in every mode and order: each paper once, as many as the total', async () => {
      for (const mode of ['hybrid', 'semantic'] as const)
        for (const sort of ['relevance', 'date', 'trending'] as const) {
          const read = async (offset: number, limit: number) => {
            const r = await t.runtime.search.search({
              q: 'neural networks',
              mode,
              sort,
              limit,
              offset,
            });
            return { ids: r.hits.map((h) => h.paper.id), total: r.total };
          };
          const all = await pageToEnd(read, 7, `${mode} by ${sort}`);
          expect(all.length, `${mode} by ${sort}`).toBeGreaterThan(14);
          expect(all.slice(0, 100), `${mode} by ${sort}: the pages are the one list, cut`).toEqual(
            (await read(0, 100)).ids,
          );
        }
    });

    it('pages the API’s hybrid and semantic results by Link rel=next to the end', async () => {
      const hitIds = (body: object) =>
        (body as { hits: { paper: { id: string } }[] }).hits.map((h) => h.paper.id);
      for (const mode of ['hybrid', 'semantic'])
        for (const sort of ['relevance', 'date']) {
          const found = await followNextLinks(
            (path) => t.app.request(path),
            `/api/v1/search?q=${encodeURIComponent('language models')}&mode=${mode}&sort=${sort}&limit=9`,
            hitIds,
          );
          expect(found.length, `${mode} by ${sort}`).toBeGreaterThan(9);
        }
    });
  },
);
