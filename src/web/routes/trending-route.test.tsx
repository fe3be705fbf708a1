import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../../../test/support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../../../test/support/runtime.ts';
import { seedDatedPapers } from '../../../test/support/seed-papers.ts';
import { seedRepo, seedSnapshot, seedUser, seedVote } from '../../../test/support/trending-seed.ts';
import { SiteClient } from '../../../test/site/site-client.ts';
import { startSession } from '../../community/session.service.ts';
import { paperActivity, starSparklines } from '../../trending/activity.service.ts';
import { SESSION_COOKIE } from '../middleware/session.ts';
import { recomputeTrending } from '../../trending/recompute.service.ts';
import { StarChart } from '../pages/star-chart.tsx';

describe.each(dialects)('trending pages on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect, {
      now: '2026-07-01T12:00:00.000Z',
      env: { FOLIO_TRENDING_WEIGHT_STARS: '0.25' },
    });
    const { db } = t.runtime;
    await seedDatedPapers(db, [
      {
        id: '2606.00001',
        publishedAt: '2026-06-30T00:00:00.000Z',
        codeRepo: 'github:acme/<b>repo',
      },
      { id: '2606.00002', publishedAt: '2026-06-29T00:00:00.000Z', categories: ['cs.CL'] },
    ]);
    await db.kysely
      .updateTable('papers')
      .set({ title: '<script>alert(1)</script> Attention' })
      .where('id', '=', '2606.00002')
      .execute();
    const repo = await seedRepo(db, 'github:acme/<b>repo', '2026-06-01T00:00:00.000Z');
    await seedSnapshot(db, repo, '2026-06-30T10:00:00.000Z', 100, 0);
    await seedSnapshot(db, repo, '2026-07-01T10:00:00.000Z', 420, 320);
    const user = await seedUser(db, 'ann', '2026-01-01T00:00:00.000Z');
    await seedVote(db, user, '2606.00002', '2026-07-01T11:00:00.000Z');
    await recomputeTrending(db, t.runtime.clock, t.runtime.config.trending);
  });
  afterAll(() => t.cleanup());

  it('lists trending papers with window tabs, filters and why each one is there', async () => {
    const res = await t.app.request('/papers/trending');
    expect(res.status).toBe(200);
    const html = await res.text();
    // Ranked, each with its reason in words.
    expect(html).toContain(
      '<span class="rank" aria-label="Rank 1">1</span><a class="thumb" href="/papers/2606.00001"',
    );
    // With the repository's recent stars as a labelled sparkline (two snapshots: 100, then 420).
    const label = 'GitHub stars from 2026-06-30 to 2026-07-01: 100 to 420 (+320)';
    expect(html).toContain(
      `Trending because: </span>+320 stars today <svg class="sparkline" viewBox="0 0 72 20" width="72" height="20" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg"><title>${label}</title><polyline points="2.0,18.0 70.0,2.0" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" stroke-linecap="round"></polyline></svg></p>`,
    );
    expect(html).toContain('<span class="rank" aria-label="Rank 2">2</span>');
    expect(html).toContain('Trending because: </span>1 upvote</p>');
    expect(html).toContain('aria-current="page"');
    expect(html).toContain('action="/papers/trending" method="get"');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Attention');
    const cl = await (await t.app.request('/papers/trending?window=7d&category=cs.CL')).text();
    expect(cl).toContain('Attention');
    expect(cl).not.toContain('2606.00001');
  });

  it('answers a bad filter with a clear 400', async () => {
    const res = await t.app.request('/papers/trending?window=1y');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('window: expected 24h, 7d or 30d');
    expect((await t.app.request('/papers/trending?within=abc')).status).toBe(400);
    expect((await t.app.request('/papers/trending?category=%25')).status).toBe(400);
  });

  it('draws a star sparkline only from two or more stored snapshots', async () => {
    const { db } = t.runtime;
    const repos = ['github:acme/<b>repo', 'github:nobody/none', null];
    const lines = await starSparklines(db, new Date('2026-07-01T12:00:00.000Z'), repos);
    expect([...lines]).toEqual([
      [
        'github:acme/<b>repo',
        [
          { day: '2026-06-30', stars: 100 },
          { day: '2026-07-01', stars: 420 },
        ],
      ],
    ]);
    // A day earlier only one snapshot is known: no line.
    expect((await starSparklines(db, new Date('2026-06-30T12:00:00.000Z'), repos)).size).toBe(0);
  });

  it('documents the formula with the configured weights', async () => {
    const html = await (await t.app.request('/about/trending')).text();
    expect(html).toContain('0.25 point per star');
    expect(html).toContain('every 12 hours on the 24-hour list');
  });

  it('draws stars and upvotes as an accessible SVG with a text summary', async () => {
    const activity = await paperActivity(t.runtime.db, t.runtime.clock, {
      id: '2606.00001',
      codeRepo: 'github:acme/<b>repo',
    });
    expect(activity.days).toHaveLength(30);
    expect(activity.days.at(-1)).toEqual({ day: '2026-07-01', stars: 420, upvotes: 0 });
    const svg = String(<StarChart activity={activity} />);
    expect(svg).toContain('role="img"');
    expect(svg).toContain(
      '<title id="activity-title">Stars and upvotes, 2026-06-02 to 2026-07-01</title>',
    );
    expect(svg).toContain('acme/&lt;b&gt;repo went from 100 to 420 stars (+320)');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<script');
  });
});

describe.each(dialects)('curators take papers off trending on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect, { now: '2026-07-01T12:00:00.000Z' });
    const { db } = t.runtime;
    await seedDatedPapers(db, [{ id: '2606.00009', publishedAt: '2026-06-30T00:00:00.000Z' }]);
    const voter = await seedUser(db, 'voter', '2026-01-01T00:00:00.000Z');
    await seedVote(db, voter, '2606.00009', '2026-07-01T11:00:00.000Z');
    await recomputeTrending(db, t.runtime.clock, t.runtime.config.trending);
  });
  afterAll(() => t.cleanup());

  async function clientAs(role: 'member' | 'curator') {
    const { db, clock } = t.runtime;
    const id = await seedUser(
      db,
      `${role}${Math.random().toString(36).slice(2, 8)}`,
      '2026-01-01T00:00:00.000Z',
    );
    await db.kysely.updateTable('users').set({ role }).where('id', '=', id).execute();
    const { token } = await startSession(db, clock, id);
    const client = new SiteClient(t.app);
    client.cookies.set(SESSION_COOKIE, token);
    await client.get('/papers/trending');
    return client;
  }

  it('lets a curator exclude with a reason and include again; members get a 403', async () => {
    const member = await clientAs('member');
    const refused = await member.post('/papers/2606.00009/trending-exclusion', { reason: 'spam' });
    expect(refused.status).toBe(403);
    const curator = await clientAs('curator');
    const noCsrf = await curator.post(
      '/papers/2606.00009/trending-exclusion',
      { reason: 'spam' },
      { csrf: false },
    );
    expect(noCsrf.status).toBe(403);
    const done = await curator.post('/papers/2606.00009/trending-exclusion', {
      reason: 'vote ring',
    });
    expect(done.status).toBe(303);
    expect(await (await t.app.request('/papers/trending')).text()).not.toContain('2606.00009');
    await curator.get('/papers/trending');
    await curator.post('/papers/2606.00009/trending-exclusion', { exclude: '0' });
    expect(await (await t.app.request('/papers/trending')).text()).toContain('2606.00009');
  });
});
