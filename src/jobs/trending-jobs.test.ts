import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../test/support/databases.ts';
import { startLocalServer, type LocalServer } from '../../test/support/http-server.ts';
import { createTestRuntime, type TestRuntime } from '../../test/support/runtime.ts';
import { seedDatedPapers } from '../../test/support/seed-papers.ts';
import { seedRepo, seedSnapshot } from '../../test/support/trending-seed.ts';
import { trendingJobs } from './trending-jobs.ts';

const NOW = '2026-07-01T12:00:00.000Z';
const HOUR = 3_600_000;

describe.each(dialects)('scheduled trending jobs on %s', (dialect) => {
  let t: TestRuntime;
  let github: LocalServer;

  beforeAll(async () => {
    // Stands in for GitHub; the seeded repository is not due, so it should not be asked.
    github = await startLocalServer(() => ({ status: 500 }));
    t = await createTestRuntime(dialect, {
      now: NOW,
      env: { FOLIO_OFFLINE: '0', FOLIO_GITHUB_API_URL: github.url },
    });
  });
  afterAll(async () => {
    await t.cleanup();
    await github.close();
  });

  it('the star sync also thins star history older than the trending windows', async () => {
    const { db } = t.runtime;
    await seedDatedPapers(db, [
      { id: '2604.00001', publishedAt: '2026-04-01T00:00:00.000Z', codeRepo: 'github:acme/old' },
    ]);
    const repo = await seedRepo(db, 'github:acme/old', '2026-04-01T00:00:00.000Z');
    // Hourly checks over two days two months ago, and over the last two hours.
    for (let h = 0; h < 48; h++)
      await seedSnapshot(
        db,
        repo,
        `2026-05-0${1 + Math.floor(h / 24)}T${pad(h % 24)}:05:00.000Z`,
        10 + h,
        1,
      );
    for (const h of [2, 1])
      await seedSnapshot(db, repo, iso(Date.parse(NOW) - h * HOUR), 70 + h, 1);

    const job = trendingJobs(t.runtime).find((j) => j.name === 'github-stars')!;
    await job.run();

    const left = await db.kysely
      .selectFrom('star_snapshots')
      .select(['taken_at', 'gained'])
      .orderBy('taken_at')
      .execute();
    expect(left.map((s) => [s.taken_at, Number(s.gained)])).toEqual([
      ['2026-05-01T23:05:00.000Z', 24],
      ['2026-05-02T23:05:00.000Z', 24],
      [iso(Date.parse(NOW) - 2 * HOUR), 1],
      [iso(Date.parse(NOW) - HOUR), 1],
    ]);
    expect(github.requests).toEqual([]);
  });
});

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (ms: number) => new Date(ms).toISOString();
