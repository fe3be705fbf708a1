import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/search/query-parser.ts';
import { NO_FILTERS } from '../../src/search/semantic/nearest-papers.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { generatedPapers } from './generated-papers.ts';

describe.each(dialects)('pseudo-relevance feedback by mode (%s)', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await t.runtime.papers.store(generatedPapers(300), { source: 'test' });
    t.runtime.search.keyword.start();
    await t.runtime.search.keyword.idle();
  });
  afterAll(async () => {
    await t.runtime.search.close();
    await t.cleanup();
  });

  it('reorders a keyword list below its first ten, and only when asked', async () => {
    const q = 'graph message passing';
    const rank = (feedback: boolean) =>
      t.runtime.search.keyword.rank({
        query: parseQuery(q),
        filters: NO_FILTERS,
        sort: 'relevance',
        depth: 100,
        feedback,
      });
    const plain = await rank(false);
    const fed = await rank(true);
    // The same matches, the same head and total; a different order below the head.
    expect(fed.total).toBe(plain.total);
    expect(fed.hits.slice(0, 10)).toEqual(plain.hits.slice(0, 10));
    expect(new Set(fed.hits.map((h) => h.pid))).toEqual(new Set(plain.hits.map((h) => h.pid)));
    expect(fed.hits.map((h) => h.pid)).not.toEqual(plain.hits.map((h) => h.pid));
    // Keyword mode serves the list with feedback.
    const page = await t.runtime.search.search({ q, mode: 'keyword', limit: 100 });
    const byId = new Map(page.hits.map((h, i) => [h.paper.id, i]));
    expect(page.hits.length).toBe(fed.hits.length);
    const pids = await t.runtime.db.kysely
      .selectFrom('papers')
      .select(['pid', 'id'])
      .where('id', 'in', [...byId.keys()])
      .execute();
    const pidOrder = pids
      .sort((a, b) => byId.get(a.id)! - byId.get(b.id)!)
      .map((r) => Number(r.pid));
    expect(pidOrder).toEqual(fed.hits.map((h) => h.pid));
  });
});
