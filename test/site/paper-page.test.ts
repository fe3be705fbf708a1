import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSession } from '../../src/community/session.service.ts';
import { ensureUser } from '../../src/community/user.service.ts';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { SiteClient } from './site-client.ts';
import { seedSitePapers } from '../support/seed-papers.ts';

const PAPER = '2606.00010';

describe.each(dialects)('the paper page and paged lists on %s', (dialect) => {
  let t: TestRuntime;
  let ada: SiteClient;
  beforeAll(async () => {
    t = await createTestRuntime(dialect);
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        {
          id: PAPER,
          title: 'Sparse diffusion transformers for graphs, with a project page',
          abstract:
            'We study diffusion on sparse graphs. Code: https://example.org/proj?a=1&b=2. Not a link: javascript:alert(1) or <a href="https://evil.test">x</a>.',
          authors: ['Ada Example'],
          categories: ['cs.LG'],
          listingDate: '2026-06-30',
          comment: '12 pages, 3 figures <b>',
          projectPage: 'https://example.org/proj',
        },
      ],
      { source: 'test' },
    );
    await seedSitePapers(t);
    const member = await ensureUser(t.runtime.db, t.clock, 'ada@example.org');
    const session = await startSession(t.runtime.db, t.clock, member.id);
    ada = new SiteClient(t.app);
    ada.cookies.set('folio_session', session.token);
    await ada.get(`/papers/${PAPER}`);
    expect((await ada.post(`/papers/${PAPER}/upvote`, {})).status).toBe(303);
    expect((await ada.post(`/papers/${PAPER}/comments`, { body: 'Nice work.' })).status).toBe(303);
  });
  afterAll(() => t.cleanup());

  it('reads in order: heading, links, abstract, arXiv comment, activity chart, similar papers, discussion', async () => {
    await ada.get(`/papers/${PAPER}`);
    const html = ada.html;
    const marks = [
      '<h1>Sparse diffusion transformers',
      '<ul class="links" aria-label="Links">',
      `<a href="/papers/${PAPER}/cite.bib">.bib</a>`,
      `<a href="/papers/${PAPER}/cite.ris">.ris</a>`,
      `<a href="/papers/${PAPER}/cite.json">.json</a>`,
      `<a href="/papers/${PAPER}.md">.md</a>`,
      '<h2 id="abstract-title">Abstract</h2>',
      '<dt>arXiv comment</dt><dd>12 pages, 3 figures &lt;b&gt;</dd>',
      '<h2 id="activity-heading">Activity: GitHub stars and upvotes</h2>',
      '<h2 id="similar-title">Similar papers</h2>',
      '<h2 id="comments-title">Comments (1)</h2>',
    ];
    const at = marks.map((m) => html.indexOf(m));
    expect(
      at.every((i) => i >= 0),
      JSON.stringify(at),
    ).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain(
      '<a href="https://example.org/proj" rel="nofollow noopener">Project page</a>',
    );
    // The chart is titled for everyone: a visible heading and the SVG's own title.
    expect(html).toContain('aria-labelledby="activity-heading"');
    expect(html).toContain('<figcaption>Last 30 days: 1 upvote on Folio.</figcaption>');
    expect(html).toContain(
      `<p class="dates">Listed <a href="/papers/date/2026-06-30">2026-06-30</a></p>`,
    );
    expect(html).toMatch(
      /<title id="activity-title">Stars and upvotes, \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d<\/title>/,
    );
  });

  it('links web addresses in the abstract, escaped and rel=nofollow, and nothing else', async () => {
    const html = await (await t.app.request(`/papers/${PAPER}`)).text();
    expect(html).toContain(
      'Code: <a href="https://example.org/proj?a=1&amp;b=2" rel="nofollow noopener">https://example.org/proj?a=1&amp;b=2</a>. Not a link: javascript:alert(1) or &lt;a href=&quot;<a href="https://evil.test" rel="nofollow noopener">https://evil.test</a>&quot;&gt;x&lt;/a&gt;.',
    );
    expect(html).not.toContain('href="javascript:');
  });

  it('says so on every paged list asked for a page past its end', async () => {
    const cases: [string, string][] = [
      ['/?page=9', 'There is no page 9: this list has 6 papers on 1 page.'],
      ['/papers/date/2026-06-30?page=9', 'There is no page 9: this list has 6 papers on 1 page.'],
      ['/papers/week/2026-W27?page=9', 'There is no page 9: this list has 9 papers on 1 page.'],
      ['/papers/month/2026-06?page=9', 'There is no page 9: this list has 9 papers on 1 page.'],
      ['/authors/Ada%20Example?page=9', 'There is no page 9: Ada Example has 1 paper on 1 page.'],
      ['/papers?q=diffusion&mode=keyword&page=9', 'Page 9 is past the end'],
      ['/papers/trending?page=9', 'There is no page 9: this list has 1 paper on 1 page.'],
      [
        '/papers/trending?category=cs.CV&page=3',
        'There is no page 3: this list has 0 papers on 1 page.',
      ],
    ];
    for (const [path, text] of cases) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).toContain(text);
      expect(html, path).not.toMatch(/Page 9 of|Nothing is trending/);
    }
  });
});
