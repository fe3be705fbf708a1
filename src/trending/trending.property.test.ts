import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import { TRENDING_WINDOWS } from '../domain/trending-score.ts';
import { DEFAULT_TRENDING_SETTINGS } from './signals/index.ts';
import { dialects, openTestDb, type TestDb } from '../../test/support/databases.ts';
import { seedDatedPapers } from '../../test/support/seed-papers.ts';
import { seedRepo, seedSnapshot, seedUser, seedVote } from '../../test/support/trending-seed.ts';
import { recomputeTrending } from './recompute.service.ts';
import { trendingScoreOf } from './trending.service.ts';

const HOUR = 3_600_000;
const settings = DEFAULT_TRENDING_SETTINGS;

const signalsArb = fc.record({
  paperAgeHours: fc.integer({ min: 0, max: 3000 }),
  votes: fc.array(fc.integer({ min: 0, max: 800 }), { maxLength: 6 }),
  stars: fc.array(
    fc.record({
      hoursAgo: fc.integer({ min: 0, max: 800 }),
      gained: fc.integer({ min: 1, max: 500 }),
    }),
    { maxLength: 4 },
  ),
});

type SeedSignals = typeof signalsArb extends fc.Arbitrary<infer T> ? T : never;

describe.each(dialects)('trending score properties on %s', (dialect) => {
  let t: TestDb;
  const clock = fixedClock('2026-07-01T12:00:00.000Z');
  let serial = 0;

  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(() => t.cleanup());

  /** Stores a new paper with these signals, placed relative to the clock; returns what adds more. */
  async function seed(s: SeedSignals) {
    serial += 1;
    const id = `2607.${String(10000 + serial)}`;
    const now = clock.now().getTime();
    const at = (hoursAgo: number, ms = 0) => new Date(now - hoursAgo * HOUR - ms).toISOString();
    await seedDatedPapers(t.db, [
      { id, publishedAt: at(s.paperAgeHours), codeRepo: `github:owner/repo${serial}` },
    ]);
    const repo = await seedRepo(t.db, `github:owner/repo${serial}`, at(4000));
    let voters = 0;
    const vote = async (hoursAgo: number) => {
      voters += 1;
      const user = await seedUser(t.db, `p${serial}v${voters}`, '2025-01-01T00:00:00.000Z');
      await seedVote(t.db, user, id, at(hoursAgo));
    };
    let snapshots = 0;
    const star = async (hoursAgo: number, gained: number) => {
      snapshots += 1;
      await seedSnapshot(t.db, repo, at(hoursAgo, snapshots), 1000 + snapshots, gained);
    };
    for (const h of s.votes) await vote(h);
    for (const g of s.stars) await star(g.hoursAgo, g.gained);
    return { id, vote, star };
  }

  async function scores(id: string) {
    const byWindow = await trendingScoreOf(t.db, clock, id);
    return TRENDING_WINDOWS.map((w) => byWindow[w]?.score ?? 0);
  }

  it('gaining stars or votes never lowers a score', async () => {
    await fc.assert(
      fc.asyncProperty(
        signalsArb,
        fc.oneof(
          fc.record({
            kind: fc.constant('vote' as const),
            hoursAgo: fc.integer({ min: 0, max: 800 }),
          }),
          fc.record({
            kind: fc.constant('star' as const),
            hoursAgo: fc.integer({ min: 0, max: 800 }),
            gained: fc.integer({ min: 1, max: 1000 }),
          }),
        ),
        async (signals, extra) => {
          const paper = await seed(signals);
          await recomputeTrending(t.db, clock, settings, { full: true });
          const before = await scores(paper.id);
          if (extra.kind === 'vote') await paper.vote(extra.hoursAgo);
          else await paper.star(extra.hoursAgo, extra.gained);
          await recomputeTrending(t.db, clock, settings, { full: true });
          const after = await scores(paper.id);
          after.forEach((score, i) =>
            expect(score).toBeGreaterThanOrEqual(before[i]! * (1 - 1e-9)),
          );
        },
      ),
      { numRuns: 15 },
    );
  });

  it('with no new signal a score never rises as time passes', async () => {
    await fc.assert(
      fc.asyncProperty(
        signalsArb,
        fc.array(fc.integer({ min: 1, max: 20 * 24 * 60 }), { minLength: 1, maxLength: 3 }),
        async (signals, steps) => {
          const paper = await seed(signals);
          await recomputeTrending(t.db, clock, settings, { full: true });
          let previous = await scores(paper.id);
          for (const minutes of steps) {
            clock.advance(minutes * 60_000);
            // Read as stored first (decay alone), then after the scheduled incremental run.
            const stored = await scores(paper.id);
            await recomputeTrending(t.db, clock, settings);
            const recomputed = await scores(paper.id);
            for (const [i, score] of previous.entries()) {
              expect(stored[i]).toBeLessThanOrEqual(score * (1 + 1e-9));
              expect(recomputed[i]).toBeLessThanOrEqual(score * (1 + 1e-9));
            }
            previous = recomputed;
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
