import { afterEach, describe, expect, it } from 'vitest';
import { countWithoutKeywords } from '../../src/keywords/keyword.repository.ts';
import {
  learnPhraseStats,
  PAPERS_PER_TURN,
  refreshKeywords,
} from '../../src/keywords/keyword.service.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { generatedPapers } from '../search/generated-papers.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';

const PAPERS = 1200;

/**
 * Counts turns of the event loop while `work` runs: a callback that queues itself again each
 * turn, as a request arriving on the socket would be handled between two steps of the work.
 */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await work();
  } finally {
    running = false;
  }
  return turns;
}

// What a starting instance does in the background (its keyword index, the key-phrase pass)
// takes seconds of CPU on a store of ten thousand papers: it must let requests and /readyz in
// between small steps, or the instance stops answering while it starts.
describe.each(dialects)('start-up work on a serving instance (%s)', (dialect) => {
  let t: TestRuntime;
  afterEach(async () => {
    await t.cleanup();
  });

  async function storeWith(papers: number): Promise<TestRuntime> {
    t = await createTestRuntime(dialect, { search: 'keyword' });
    await upsertRecords(t.runtime.db, t.runtime.clock, generatedPapers(papers), {
      source: 'test',
    });
    return t;
  }

  it('learns phrase statistics and extracts key phrases in steps the event loop turns between', async () => {
    const { db, logger } = (await storeWith(PAPERS)).runtime;
    let stats: Awaited<ReturnType<typeof learnPhraseStats>> | null = null;
    const learning = await turnsDuring(async () => (stats = await learnPhraseStats(db)));
    expect(stats!.papers).toBe(PAPERS);
    expect(learning).toBeGreaterThanOrEqual(PAPERS / PAPERS_PER_TURN);

    let written = 0;
    const extracting = await turnsDuring(
      async () => (written = await refreshKeywords(db, logger, { stats: stats! })),
    );
    expect(written).toBe(PAPERS);
    expect(extracting).toBeGreaterThanOrEqual(PAPERS / PAPERS_PER_TURN);
    expect(await countWithoutKeywords(db)).toBe(0);
  });

  it('skips the pass over every paper when no paper lacks key phrases', async () => {
    const { db, logger } = (await storeWith(300)).runtime;
    expect(await refreshKeywords(db, logger)).toBe(300);
    const before = await db.kysely.selectFrom('papers').select(['id', 'keywords']).execute();
    expect(await refreshKeywords(db, logger)).toBe(0);
    // `all` still relearns and rewrites every paper's phrases (the same text, the same phrases).
    expect(await refreshKeywords(db, logger, { all: true })).toBe(300);
    const after = await db.kysely.selectFrom('papers').select(['id', 'keywords']).execute();
    expect(after.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      before.sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('builds the keyword index in steps the event loop turns between', async () => {
    const { search } = (await storeWith(PAPERS)).runtime;
    const building = await turnsDuring(async () => {
      search.keyword.start();
      await search.keyword.idle();
    });
    expect(search.keyword.size()).toBe(PAPERS);
    // 250 rows per step.
    expect(building).toBeGreaterThanOrEqual(PAPERS / 250);
  });
});
