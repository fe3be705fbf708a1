import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertRecords } from '../../src/papers/paper.service.ts';
import { PAPERS_PER_SITEMAP } from '../../src/web/routes/site-files-route.ts';
import { dialects } from '../support/databases.ts';
import { createTestRuntime, type TestRuntime } from '../support/runtime.ts';
import { seedSitePapers } from '../support/seed-papers.ts';

const BASE = 'https://papers.example.org';
const STATIC = path.resolve(import.meta.dirname, '..', '..', 'src', 'web', 'static');

describe.each(dialects)('favicon, robots.txt, sitemap and link previews on %s', (dialect) => {
  let t: TestRuntime;
  beforeAll(async () => {
    t = await createTestRuntime(dialect, { env: { FOLIO_BASE_URL: BASE } });
    await seedSitePapers(t);
    await upsertRecords(
      t.runtime.db,
      t.clock,
      [
        {
          id: '2606.00020',
          title: 'Counting in $\\mathbb{F}_q$ & "friends"',
          abstract: `We count   points over $\\mathbb{F}_q$.\n\n${'A long second paragraph about counting. '.repeat(10)}`,
          authors: ['Fay'],
          categories: ['math.NT'],
          listingDate: '2026-06-30',
        },
      ],
      {
        source: 'test',
        entries: [
          {
            day: '2026-06-30',
            paperId: '2606.00020',
            source: 'hf',
            submitterName: 'fay',
            thumbnailUrl: 'https://cdn.example.org/thumbs/2606.00020.png',
          },
        ],
      },
    );
  });
  afterAll(() => t.cleanup());

  it('serves a real icon at /favicon.ico and links it with the SVG from every page', async () => {
    const ico = await t.app.request('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers.get('content-type')).toBe('image/x-icon');
    const bytes = Buffer.from(await ico.arrayBuffer());
    expect(bytes.equals(fs.readFileSync(path.join(STATIC, 'favicon.ico')))).toBe(true);
    // An ICO directory (reserved 0, type 1) of three images, each a PNG.
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2), bytes.readUInt16LE(4)]).toEqual([
      0, 1, 3,
    ]);
    expect([0, 1, 2].map((i) => bytes[6 + i * 16])).toEqual([16, 32, 48]);
    const firstImage = bytes.readUInt32LE(6 + 12);
    expect(bytes.subarray(firstImage, firstImage + 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    const svg = await t.app.request('/static/favicon.svg');
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    const home = await (await t.app.request('/')).text();
    expect(home).toContain('<link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>');
    expect(home).toContain('<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48"/>');
  });

  it('answers robots.txt with what to crawl and where the sitemap is', async () => {
    const res = await t.app.request('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe(
      [
        'User-agent: *',
        'Disallow: /papers?',
        'Disallow: /account',
        'Disallow: /admin/',
        'Disallow: /api/',
        'Disallow: /comments/',
        'Disallow: /digest/',
        'Disallow: /feeds/user/',
        'Disallow: /for-you',
        'Disallow: /library',
        'Disallow: /mcp',
        'Disallow: /sign-in',
        'Disallow: /submit',
        'Disallow: /subscribe',
        '',
        `Sitemap: ${BASE}/sitemap.xml`,
        '',
      ].join('\n'),
    );
  });

  it('lists list pages and every paper in a sitemap index of absolute addresses', async () => {
    const index = await t.app.request('/sitemap.xml');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await index.text()).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n<sitemap><loc>${BASE}/sitemaps/pages.xml</loc></sitemap>\n<sitemap><loc>${BASE}/sitemaps/papers-1.xml</loc></sitemap>\n</sitemapindex>\n`,
    );
    const pages = await (await t.app.request('/sitemaps/pages.xml')).text();
    const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]);
    expect(locs(pages)).toEqual(
      [
        '/',
        '/papers/trending',
        '/about/trending',
        '/papers/month/2026-06',
        '/papers/month/2026-05',
        '/papers/week/2026-W27',
        '/papers/week/2026-W20',
        '/papers/date/2026-06-30',
        '/papers/date/2026-06-29',
        '/papers/date/2026-05-15',
      ].map((p) => `${BASE}${p}`),
    );
    const papers = await (await t.app.request('/sitemaps/papers-1.xml')).text();
    expect(locs(papers)).toEqual(
      [
        '2605.00100',
        '2606.00001',
        '2606.00002',
        '2606.00003',
        '2606.00004',
        '2606.00005',
        '2606.00006',
        '2606.00007',
        '2606.00008',
        '2606.00020',
      ].map((id) => `${BASE}/papers/${id}`),
    );
    expect(papers).toContain(
      `<url><loc>${BASE}/papers/2606.00001</loc><lastmod>2026-06-29</lastmod></url>`,
    );
    expect((await t.app.request('/sitemaps/papers-2.xml')).status).toBe(404);
    expect((await t.app.request('/sitemaps/papers-0.xml')).status).toBe(404);
    expect((await t.app.request('/sitemaps/..%2Fpackage.json')).status).toBe(404);
  });

  it('gives paper pages Open Graph and Twitter card tags: plain-text title, excerpt, figure', async () => {
    const html = await (await t.app.request('/papers/2606.00020')).text();
    const title = 'Counting in $\\mathbb{F}_q$ &amp; &quot;friends&quot;';
    const description =
      'We count points over $\\mathbb{F}_q$. A long second paragraph about counting. A long second paragraph about counting. A long second paragraph about counting. A long second paragraph about counting. A…';
    for (const tag of [
      `<link rel="canonical" href="${BASE}/papers/2606.00020"/>`,
      `<meta name="description" content="${description}"/>`,
      '<meta property="og:type" content="article"/>',
      '<meta property="og:site_name" content="Folio"/>',
      `<meta property="og:title" content="${title}"/>`,
      `<meta property="og:description" content="${description}"/>`,
      `<meta property="og:url" content="${BASE}/papers/2606.00020"/>`,
      '<meta property="og:image" content="https://cdn.example.org/thumbs/2606.00020.png"/>',
      '<meta name="twitter:card" content="summary_large_image"/>',
      `<meta name="twitter:title" content="${title}"/>`,
      `<meta name="twitter:description" content="${description}"/>`,
      '<meta name="twitter:image" content="https://cdn.example.org/thumbs/2606.00020.png"/>',
    ])
      expect(html).toContain(tag);
    // The dates line joins what is known with single separators.
    expect(html).toContain(
      '<p class="dates">Submitted by fay on <a href="/papers/date/2026-06-30">2026-06-30</a> · Listed <a href="/papers/date/2026-06-30">2026-06-30</a></p>',
    );
    // Without a figure, a text card and no image.
    const plain = await (await t.app.request('/papers/2606.00002')).text();
    expect(plain).toContain('<meta name="twitter:card" content="summary"/>');
    expect(plain).toContain(
      '<meta property="og:description" content="We study diffusion models on graphs with 2 layers and report gains."/>',
    );
    expect(plain).not.toContain('og:image');
  });

  it.runIf(dialect === 'sqlite')(
    'splits the papers into several sitemaps past one file',
    async () => {
      const records = Array.from({ length: PAPERS_PER_SITEMAP }, (_, i) => ({
        id: `2607.${String(i + 1).padStart(5, '0')}`,
        title: `Paper ${i + 1}`,
        abstract: 'A.',
        authors: ['A'],
        categories: ['cs.LG'],
        listingDate: '2026-07-01',
      }));
      await upsertRecords(t.runtime.db, t.clock, records, { source: 'test' });
      t.runtime.pageCache.invalidate();
      const index = await (await t.app.request('/sitemap.xml')).text();
      expect([...index.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1])).toEqual([
        `${BASE}/sitemaps/pages.xml`,
        `${BASE}/sitemaps/papers-1.xml`,
        `${BASE}/sitemaps/papers-2.xml`,
      ]);
      const first = await (await t.app.request('/sitemaps/papers-1.xml')).text();
      const second = await (await t.app.request('/sitemaps/papers-2.xml')).text();
      expect(first.match(/<url>/g)!.length).toBe(PAPERS_PER_SITEMAP);
      expect(second.match(/<url>/g)!.length).toBe(10);
      expect(second).toContain(`<loc>${BASE}/papers/2607.10000</loc>`);
    },
  );
});
