import fs from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';
import { notFound } from '../../domain/errors.ts';
import { isoWeekOf } from '../../domain/periods.ts';
import type { AppDeps } from '../app.ts';
import { sendCached } from '../api/http-cache.ts';
import { xmlEscape } from '../feeds/xml.ts';
import { dayPath, paperPath } from '../pages/paths.ts';

/** Papers per sitemap file: well under the protocol's 50,000, so each file stays quick to build. */
export const PAPERS_PER_SITEMAP = 10_000;
// Days listed in the sitemap of list pages; with their weeks and months, under 50,000 addresses.
const MAX_DAYS = 40_000;
const XML = 'application/xml; charset=utf-8';
const CACHE = 'public, max-age=3600';

/** GET /robots.txt — crawlers welcome on lists and papers; kept off accounts, forms and search. */
export function robotsTxt(deps: AppDeps) {
  return (c: Context) => {
    const lines = [
      'User-agent: *',
      // Search results are an endless space of addresses; lists and papers are what to index.
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
      `Sitemap: ${deps.config.baseUrl}/sitemap.xml`,
      '',
    ];
    return sendCached(c, lines.join('\n'), 'text/plain; charset=utf-8', { cacheControl: CACHE });
  };
}

/** GET /sitemap.xml — the sitemap index: the list pages' sitemap, then the papers' in slices. */
export function sitemapIndex(deps: AppDeps) {
  return async (c: Context) => {
    const base = deps.config.baseUrl;
    const body = await deps.pageCache.get('sitemap:index', async () => {
      const files = Math.max(1, Math.ceil((await deps.papers.count()) / PAPERS_PER_SITEMAP));
      const names = ['pages', ...Array.from({ length: files }, (_, i) => `papers-${i + 1}`)];
      return xmlDocument(
        'sitemapindex',
        names.map(
          (name) => `<sitemap><loc>${xmlEscape(`${base}/sitemaps/${name}.xml`)}</loc></sitemap>`,
        ),
      );
    });
    return sendCached(c, body, XML, { cacheControl: CACHE });
  };
}

/** GET /sitemaps/pages.xml and /sitemaps/papers-N.xml — the addresses themselves. */
export function sitemapFile(deps: AppDeps) {
  return async (c: Context) => {
    const name = c.req.param('file') ?? '';
    const base = deps.config.baseUrl;
    if (name === 'pages.xml') {
      const body = await deps.pageCache.get('sitemap:pages', async () => {
        const days = await deps.papers.listDays(MAX_DAYS);
        const weeks = [...new Set(days.map(isoWeekOf))];
        const months = [...new Set(days.map((d) => d.slice(0, 7)))];
        const paths = [
          '/',
          '/papers/trending',
          '/about/trending',
          ...months.map((m) => `/papers/month/${m}`),
          ...weeks.map((w) => `/papers/week/${w}`),
          ...days.map(dayPath),
        ];
        return xmlDocument(
          'urlset',
          paths.map((p) => url(`${base}${p}`, null)),
        );
      });
      return sendCached(c, body, XML, { cacheControl: CACHE });
    }
    const match = /^papers-([1-9]\d{0,5})\.xml$/.exec(name);
    if (!match) throw notFound('There is no such sitemap.');
    const slice = Number(match[1]);
    const body = await deps.pageCache.get(`sitemap:papers:${slice}`, async () => {
      const ids = await deps.papers.idsSlice((slice - 1) * PAPERS_PER_SITEMAP, PAPERS_PER_SITEMAP);
      // The first slice always exists (an empty store has an empty one); later ones only with papers.
      if (ids.length === 0 && slice > 1) return null;
      return xmlDocument(
        'urlset',
        ids.map((p) => url(`${base}${paperPath(p.id)}`, p.changed)),
      );
    });
    if (body === null) throw notFound('There is no such sitemap.');
    return sendCached(c, body, XML, { cacheControl: CACHE });
  };
}

const ICON = fs.readFileSync(path.resolve(import.meta.dirname, '..', 'static', 'favicon.ico'));

/** GET /favicon.ico — the site's icon, for browsers and readers that ask for it by this name. */
export function favicon() {
  return (c: Context) =>
    c.body(new Uint8Array(ICON), 200, {
      'Content-Type': 'image/x-icon',
      'Cache-Control': 'public, max-age=86400',
    });
}

function url(loc: string, lastmod: string | null): string {
  return `<url><loc>${xmlEscape(loc)}</loc>${lastmod ? `<lastmod>${xmlEscape(lastmod)}</lastmod>` : ''}</url>`;
}

function xmlDocument(root: 'urlset' | 'sitemapindex', entries: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</${root}>\n`;
}
