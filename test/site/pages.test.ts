import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { SiteClient } from './site-client.ts';
import { seedSitePapers } from '../support/seed-papers.ts';

describe.each(dialects)('site pages on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect, { env: { FOLIO_CURATORS: 'the <Lab>' } });
    await seedSitePapers(t);
  });
  afterAll(() => t.cleanup());

  const get = async (path: string) => {
    const res = await t.app.request(path);
    return { res, html: await res.text() };
  };

  it('shows the latest day on the home page, escaped, with the banner and day links', async () => {
    const { res, html } = await get('/');
    expect(res.status).toBe(200);
    expect(html).toContain('Daily Papers');
    expect(html).toContain('by the &lt;Lab&gt; and the research community');
    expect(html).toContain('Tuesday, 30 June 2026');
    expect(html).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &lt;script&gt;');
    expect(html).not.toMatch(/<script>alert/);
    expect(html).toContain('Get trending papers in your email inbox!');
    expect(html).toContain('action="/subscribe" method="get"');
    expect(html).toContain('href="/papers/date/2026-06-29"');
    expect(html).toContain('href="/papers/week/2026-W27"');
    expect(html).toContain('href="/papers/month/2026-06"');
    expect(html).toContain('<script src="/static/site.js" defer');
    expect(html).toMatch(/<main id="main">/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // KaTeX positions glyphs with style attributes; style elements stay forbidden.
    expect(csp).toContain("style-src-attr 'unsafe-inline'");
    // The whole page stays small: HTML, CSS and JS together under 100 KB.
    const css = await (await t.app.request('/static/site.css')).text();
    const js = await (await t.app.request('/static/site.js')).text();
    expect(html.length + css.length + js.length).toBeLessThan(100_000);
  });

  it('lists a day in upvote order, offers the date picker, and moves between days', async () => {
    const { html } = await get('/papers/date/2026-06-29');
    expect(html).toContain('2606.00006');
    expect(html).not.toContain('2606.00002');
    expect(html).toContain('name="date"');
    expect(html).toContain('href="/papers/date/2026-06-30"');
    const picked = await t.app.request('/papers/date?date=2026-06-29');
    expect(picked.status).toBe(303);
    expect(picked.headers.get('location')).toBe('/papers/date/2026-06-29');
  });

  it('answers an empty day with the nearest days that have papers', async () => {
    const { res, html } = await get('/papers/date/2026-06-01');
    expect(res.status).toBe(200);
    expect(html).toContain('No papers for 2026-06-01');
    expect(html).toContain('href="/papers/date/2026-05-15"');
    expect(html).toContain('href="/papers/date/2026-06-29"');
  });

  it('shows weekly and monthly views with paging', async () => {
    const week = await get('/papers/week/2026-W27');
    expect(week.res.status).toBe(200);
    expect(week.html).toContain('Weekly Papers');
    expect(week.html).toContain('2606.00006');
    const month = await get('/papers/month/2026-06');
    expect(month.html).toContain('Monthly Papers');
    expect(month.html).toContain('June 2026');
    expect(month.html).toContain('href="/papers/month/2026-05"');
    const beyond = await get('/papers/month/2026-06?page=9');
    expect(beyond.html).toContain(
      'There is no page 9: this list has 8 papers on 1 page. <a href="/papers/month/2026-06">Go to its first page</a>.',
    );
    expect(beyond.html).not.toContain('Page 9 of');
  });

  it('answers invalid dates, weeks, months and pages with a clear 400', async () => {
    for (const path of [
      '/papers/date/2026-02-30',
      '/papers/date/yesterday',
      '/papers/week/2026-W60',
      '/papers/month/2026-13',
      '/papers/date?date=%3Cscript%3E',
      '/papers/date/2026-06-30?page=-1',
      '/papers/date/2026-06-30?page=abc',
    ]) {
      const { res, html } = await get(path);
      expect(res.status, path).toBe(400);
      expect(html).toContain('400');
      expect(html).not.toContain('<script>');
    }
  });

  it('marks papers that arrived since the previous visit as new', async () => {
    const client = new SiteClient(t.app);
    await client.get('/');
    expect(client.html).not.toContain('class="badge new"');
    // Come back after a long gap: the papers were added before this visit, so none is new…
    t.clock.advance(2 * 3_600_000);
    await client.get('/');
    expect(client.html).not.toContain('class="badge new"');
    // …until a paper arrives after the previous visit began.
    const { upsertRecords } = await import('../../src/papers/paper.service.ts');
    t.clock.advance(60_000);
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        {
          id: '2606.00099',
          title: 'Fresh arrival',
          abstract: 'New.',
          authors: ['Dee'],
          categories: ['cs.LG'],
          listingDate: '2026-06-30',
        },
      ],
      { source: 'test' },
    );
    t.clock.advance(2 * 3_600_000);
    await client.get('/');
    expect(client.html).toMatch(
      /class="badge new">New<\/span><a href="\/papers\/2606.00099#comments">/,
    );
    expect(client.cookies.get('folio_visit')).toMatch(/^\d+\.\d+$/);
  });

  it('renders a paper with TeX by KaTeX, everything else escaped, links and a BibTeX area', async () => {
    const { res, html } = await get('/papers/2606.00001');
    expect(res.status).toBe(200);
    expect(html).toContain('class="katex"');
    expect(html).toContain('/static/katex/katex.min.css');
    expect(html).toContain('O(n<sup>2</sup>)');
    expect(html).not.toMatch(/<img src=x/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/href="javascript:/);
    expect(html).toContain('https://arxiv.org/abs/2606.00001');
    expect(html).toContain('https://arxiv.org/pdf/2606.00001');
    expect(html).toContain('https://github.com/example/hostile');
    expect(html).toContain('id="cite"');
    expect(html).toContain('@misc{');
    expect(html).toContain('data-copy="bibtex"');
    expect(html).toContain('eprint = {2606.00001}');
    // No stars or upvotes yet: no empty chart.
    expect(html).not.toContain('chart-slot');
    const css = await t.app.request('/static/katex/katex.min.css');
    expect(css.status).toBe(200);
    const font = await t.app.request('/static/katex/fonts/KaTeX_Main-Regular.woff2');
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect((await t.app.request('/static/katex/..%2Fpackage.json')).status).toBe(404);
    expect((await t.app.request('/static/katex/fonts/..%2F..%2Fpackage.json')).status).toBe(404);
  });

  it('redirects every pasted form of an id to the canonical paper address', async () => {
    for (const [path, status] of [
      ['/papers/arXiv:2606.00001v2', 301],
      ['/papers/2606.00001v1', 301],
      ['/papers?id=https://arxiv.org/abs/2606.00001v3', 301],
      ['/abs/2606.00001', 301],
      ['/papers?q=arXiv:2606.00001', 303],
    ] as const) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('location'), path).toBe('/papers/2606.00001');
    }
    const unknown = await get('/papers/2601.99999');
    expect(unknown.res.status).toBe(404);
    expect(unknown.html).toContain('Folio has no paper 2601.99999 yet');
    expect((await t.app.request('/papers/not-an-id')).status).toBe(404);
  });

  it('searches with highlighted, escaped matches, filters and helpful empty states', async () => {
    const { res, html } = await get('/papers?q=diffusion&mode=keyword');
    expect(res.status).toBe(200);
    expect(html).toMatch(/<mark>[Dd]iffusion<\/mark>/);
    expect(html).toContain('paper');
    const filtered = await get('/papers?q=diffusion&category=cs.CL&code=1');
    expect(filtered.html).toContain('No papers match');
    expect(filtered.html).toContain('Remove some filters');
    const none = await get('/papers?q=zzzqqq');
    expect(none.html).toContain('No papers match');
    const tips = await get('/papers');
    expect(tips.html).toContain('Tips');
    // Ordered by trending, the choice is kept in the form.
    const trending = await get('/papers?q=diffusion&mode=keyword&sort=trending');
    expect(trending.html).toMatch(/<mark>[Dd]iffusion<\/mark>/);
    expect(trending.html).toMatch(/<option value="trending" selected="">/);
  });

  it('never fails on hostile search input', async () => {
    const hostile = [
      '"',
      '"unbalanced',
      '*',
      'AND OR NOT',
      '(((',
      ')',
      'NEAR(a b)',
      '^',
      '-',
      "'; drop table papers; --",
      '<script>alert(1)</script>',
      '\u0000',
      '%',
      '\\',
      'a'.repeat(2000),
      '🦀 emoji',
      'title:',
      'cat:',
    ];
    for (const q of hostile) {
      const res = await t.app.request(
        `/papers?q=${encodeURIComponent(q)}&mode=semantic&from=bad&to=2026-99-99&category=<x>&page=zz`,
      );
      expect(res.status, q).toBeLessThan(500);
      const html = await res.text();
      expect(html).not.toContain('<script>alert');
    }
  });

  it('shows the sign-in and submit pages to visitors', async () => {
    const signIn = await get('/sign-in');
    expect(signIn.html).toContain('type="email"');
    expect(signIn.html).toContain('name="_csrf"');
    expect(signIn.res.headers.get('set-cookie')).toMatch(/folio_csrf=.*HttpOnly.*SameSite=Lax/i);
    const submit = await get('/submit');
    expect(submit.html).toContain('Sign in</a> to submit a paper');
    const account = await t.app.request('/account');
    expect(account.status).toBe(303);
    expect(account.headers.get('location')).toBe('/sign-in?next=%2Faccount');
    expect((await t.app.request('/users/nobody')).status).toBe(404);
  });
});
