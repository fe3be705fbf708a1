import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { badRequest } from '../../domain/errors.ts';
import { parseTrendingWindow } from '../../trending/trending-query.ts';
import { isArxivCategory } from '../../domain/arxiv-category.ts';
import type { AppDeps } from '../app.ts';
import { etagOf } from '../api/http-cache.ts';
import { requestKey, sendCachedBody, type MicroCache } from '../api/micro-cache.ts';
import { problemResponses } from '../api/problem.ts';
import { renderAtom } from './atom.ts';
import { FEED_TYPES, type FeedFormat } from './feed.ts';
import { feedPath } from './feed-links.ts';
import { buildFeed, type FeedSpec } from './feed-sources.ts';
import { renderJsonFeed } from './json-feed.ts';
import { renderRss } from './rss.ts';

const FORMAT = '(?:rss|atom|json)';

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the daily and weekly lists, trending, any category,
 * any search, and each member's personal (secret-URL) list of upvoted papers.
 */
export function registerFeedRoutes(app: OpenAPIHono, deps: AppDeps, cache: MicroCache): void {
  const build = async (
    file: string,
    spec: FeedSpec,
    params: Record<string, string | undefined>,
  ) => {
    const format = file.slice(file.lastIndexOf('.') + 1) as FeedFormat;
    const doc = await buildFeed(deps, spec);
    const base = deps.config.baseUrl;
    const kind = spec.kind;
    const full = {
      ...doc,
      feedUrls: {
        rss: base + feedPath(kind, 'rss', params),
        atom: base + feedPath(kind, 'atom', params),
        json: base + feedPath(kind, 'json', params),
      },
    };
    const body =
      format === 'rss'
        ? renderRss(full)
        : format === 'atom'
          ? renderAtom(full)
          : renderJsonFeed(full);
    return {
      body,
      contentType: `${FEED_TYPES[format]}; charset=utf-8`,
      cacheControl: isPrivate(kind) ? 'private, max-age=300' : 'public, max-age=300',
      lastModified: doc.updated,
      headers: (isPrivate(kind) ? { 'X-Robots-Tag': 'noindex' } : {}) as Record<string, string>,
    };
  };
  const serve = async (
    c: Context,
    file: string,
    spec: FeedSpec,
    params: Record<string, string | undefined>,
  ) =>
    sendCachedBody(
      c,
      // A personal feed is one member's: never shared through the cache.
      isPrivate(spec.kind)
        ? await build(file, spec, params).then((b) => ({ ...b, etag: etagOf(b.body) }))
        : await cache(requestKey(c), () => build(file, spec, params)),
    );

  app.get(`/feeds/:file{daily\\.${FORMAT}}`, (c) => {
    const date = c.req.query('date');
    return serve(c, c.req.param('file'), { kind: 'daily', ...(date ? { date } : {}) }, { date });
  });
  app.get(`/feeds/:file{weekly\\.${FORMAT}}`, (c) => {
    const week = c.req.query('week');
    return serve(c, c.req.param('file'), { kind: 'weekly', ...(week ? { week } : {}) }, { week });
  });
  app.get(`/feeds/:file{trending\\.${FORMAT}}`, (c) => {
    const given = c.req.query('window');
    const window = given === undefined ? '7d' : parseTrendingWindow(given);
    if (!window) throw invalid('window', 'expected 24h, 7d or 30d');
    return serve(c, c.req.param('file'), { kind: 'trending', window }, { window: given });
  });
  app.get(`/feeds/search/:file{[^/]+}`, () => {
    throw invalid('q', 'search feeds are /feeds/search.rss?q=…');
  });
  app.get(`/feeds/:file{search\\.${FORMAT}}`, (c) => {
    const q = (c.req.query('q') ?? '').trim();
    if (q.length === 0 || q.length > 500) throw invalid('q', 'expected 1 to 500 characters');
    return serve(c, c.req.param('file'), { kind: 'search', q }, { q });
  });
  app.get(`/feeds/category/:file{[^/]+\\.${FORMAT}}`, (c) => {
    const file = c.req.param('file');
    const category = file.slice(0, file.lastIndexOf('.'));
    if (!isArxivCategory(category))
      throw invalid('category', 'expected an arXiv category such as cs.CL');
    return serve(c, file, { kind: 'category', category }, { category });
  });
  app.get(`/feeds/user/:file{[^/]+\\.${FORMAT}}`, (c) => {
    const file = c.req.param('file');
    const token = file.slice(0, file.lastIndexOf('.'));
    return serve(c, file, { kind: 'personal', token }, { token });
  });

  app.get(`/feeds/following/:file{[^/]+\\.${FORMAT}}`, (c) => {
    const file = c.req.param('file');
    const token = file.slice(0, file.lastIndexOf('.'));
    return serve(c, file, { kind: 'following', token }, { token });
  });

  // A known feed in an unknown format is a bad parameter, not a missing page.
  app.get('/feeds/:file{(?:daily|weekly|trending|search)\\.[^/.]+}', () => {
    throw invalid('format', 'expected rss, atom or json');
  });
  app.get('/feeds/:kind{category|user|following}/:file{[^/]+\\.[^/.]+}', () => {
    throw invalid('format', 'expected rss, atom or json');
  });

  documentFeeds(app);
}

/** One member's feeds: never shared through a cache, never indexed. */
const isPrivate = (kind: FeedSpec['kind']) => kind === 'personal' || kind === 'following';

const invalid = (field: string, message: string) =>
  badRequest('invalid_request', `Invalid ${field}: ${message}`, { errors: [{ field, message }] });

function documentFeeds(app: OpenAPIHono): void {
  const content = {
    'application/rss+xml': { schema: z.string() },
    'application/atom+xml': { schema: z.string() },
    'application/feed+json': {
      schema: z.object({
        version: z.string(),
        title: z.string(),
        items: z.array(z.object({ id: z.string() })),
      }),
    },
  };
  const feeds: [string, string, Record<string, z.ZodType>, Record<string, z.ZodType>][] = [
    [
      '/feeds/daily.{format}',
      'The daily list (latest day, or ?date=)',
      {},
      { date: z.string().optional() },
    ],
    [
      '/feeds/weekly.{format}',
      'The weekly list (latest week, or ?week=)',
      {},
      { week: z.string().optional() },
    ],
    [
      '/feeds/trending.{format}',
      'Trending papers',
      {},
      { window: z.enum(['24h', '7d', '30d']).optional() },
    ],
    [
      '/feeds/category/{category}.{format}',
      'Newest papers of an arXiv category',
      { category: z.string() },
      {},
    ],
    ['/feeds/search.{format}', 'Newest papers matching a search', {}, { q: z.string() }],
    [
      '/feeds/following/{token}.{format}',
      'New papers from what a member follows (secret URL from /following)',
      { token: z.string() },
      {},
    ],
    [
      '/feeds/user/{token}.{format}',
      'A member’s upvoted papers (secret URL from /account/tokens)',
      { token: z.string() },
      {},
    ],
  ];
  for (const [path, summary, params, query] of feeds)
    app.openAPIRegistry.registerPath({
      method: 'get',
      path,
      tags: ['Feeds'],
      summary: `${summary}: RSS 2.0, Atom 1.0 or JSON Feed 1.1`,
      request: {
        params: z.object({ ...params, format: z.enum(['rss', 'atom', 'json']) }),
        query: z.object(query),
      },
      responses: {
        200: { description: 'The feed (ETag, Last-Modified; 304 when unchanged)', content },
        ...problemResponses(400, 404),
      },
    });
}
