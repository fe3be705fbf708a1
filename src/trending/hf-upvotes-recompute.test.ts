import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { startLocalServer, type LocalServer } from '../../test/support/http-server.ts';
import { hasSharedData } from '../../test/support/shared-data.ts';
import { readShared, testIngestDeps } from '../../test/fixtures/ingest/recorded.ts';
import { fixedClock } from '../domain/clock.ts';
import { DEFAULT_TRENDING_SETTINGS } from './signals/index.ts';
import { runHfDaily } from '../ingest/run-hf.ts';
import { recomputeTrending } from './recompute.service.ts';
import { trendingScoreOf } from './trending.service.ts';

const DAY = '2024-10-25';
const PAPER = '2410.17243';
const MINUTE = 60_000;

/** The recorded daily papers of the day, with the first entry's upvotes set to `upvotes`. */
function dailyPapers(upvotes: number): string {
  const entries = JSON.parse(readShared('hf-daily-papers', `daily_papers.${DAY}.json`)) as {
    paper: { id: string; upvotes: number };
  }[];
  expect(entries[0]!.paper.id).toBe(PAPER);
  entries[0]!.paper.upvotes = upvotes;
  return JSON.stringify(entries);
}

describe.skipIf(!hasSharedData).each(dialects)(
  'Hugging Face upvote changes in the incremental trending recompute on %s',
  (dialect) => {
    let t: TestDb;
    let server: LocalServer;
    let upvotes = 64;
    const clock = fixedClock(`${DAY}T12:00:00.000Z`);

    beforeAll(async () => {
      t = await openTestDb(dialect);
      server = await startLocalServer(() => ({
        status: 200,
        body: dailyPapers(upvotes),
        headers: { 'content-type': 'application/json' },
      }));
    });
    afterAll(async () => {
      await server.close();
      await t.cleanup();
    });

    it('rescores a listed paper whose Hugging Face upvotes changed, and only that paper', async () => {
      const deps = testIngestDeps(t.db, server.url, 2, clock);
      expect(await runHfDaily(deps, DAY)).toMatchObject({ error: null, inserted: 29 });
      clock.advance(10 * MINUTE);
      expect(await recomputeTrending(t.db, clock, DEFAULT_TRENDING_SETTINGS)).toMatchObject({
        mode: 'full',
      });
      const before = (await trendingScoreOf(t.db, clock, PAPER))['24h']!;
      expect(before.explanation.upvotes).toBe(64);

      // An hour later the feed reports more upvotes for the same entry on the same day.
      clock.advance(50 * MINUTE);
      upvotes = 90;
      expect(await runHfDaily(deps, DAY)).toMatchObject({ error: null, inserted: 0 });
      clock.advance(10 * MINUTE);
      const stale = (await trendingScoreOf(t.db, clock, PAPER))['24h']!;
      expect(stale.explanation.upvotes).toBe(64);

      const run = await recomputeTrending(t.db, clock, DEFAULT_TRENDING_SETTINGS);
      expect(run).toMatchObject({ mode: 'incremental', papers: 1 });
      const after = await trendingScoreOf(t.db, clock, PAPER);
      expect(after['24h']!.explanation.upvotes).toBe(90);
      expect(after['24h']!.explanation.text).toMatch(/^90 upvotes · /);
      expect(after['30d']!.explanation.upvotes).toBe(90);
      // The imported upvotes are the paper's only signal: its score grows in proportion.
      expect(after['24h']!.score / stale.score).toBeCloseTo(90 / 64, 10);

      // Fetching the same counts again changes nothing, so the next run has nothing to do.
      clock.advance(10 * MINUTE);
      await runHfDaily(deps, DAY);
      clock.advance(10 * MINUTE);
      expect(await recomputeTrending(t.db, clock, DEFAULT_TRENDING_SETTINGS)).toMatchObject({
        mode: 'incremental',
        papers: 0,
      });
    });
  },
);
