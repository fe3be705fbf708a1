import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { badRequest } from '../../../domain/errors.ts';
import { SEARCH_MODES, SEARCH_SORTS } from '../../../search/search-options.ts';
import { signalCountsShape } from '../../../trending/signals/index.ts';
import { TrendingWindowSchema } from '../../../trending/trending-query.ts';
import type { AppDeps } from '../../app.ts';
import { nextLink, offsetCursor } from '../cursor.ts';
import { cachedJson } from '../http-cache.ts';
import { BoolParam, CategoryParam, CursorParam, DayParam, intParam } from '../params.ts';
import { problemResponses } from '../problem.ts';
import { paperJson, PaperSchema } from './v1.schemas.ts';

const HighlightSchema = z.array(z.object({ text: z.string(), match: z.boolean() }));

const SearchResultSchema = z
  .object({
    hits: z.array(
      z.object({
        paper: PaperSchema,
        score: z.number(),
        highlights: z.object({ title: HighlightSchema, abstract: HighlightSchema }),
      }),
    ),
    total: z.number().int(),
    mode: z.enum(SEARCH_MODES),
    semanticReady: z.boolean(),
    suggestion: z.string().nullable().openapi({
      description: 'When nothing matched: the query respelled with known words, if one exists',
    }),
    nextCursor: z.string().nullable(),
  })
  .openapi('SearchResult');

const TrendingSchema = z
  .object({
    window: TrendingWindowSchema,
    items: z.array(
      z.object({
        paper: PaperSchema,
        rank: z.number().int(),
        score: z.number(),
        explanation: z.object({
          text: z.string().openapi({ example: '+320 ★ in 24 h · 41 upvotes · 2 days old' }),
          // One count per registered signal: starsGained, upvotes, comments, views.
          ...signalCountsShape,
          ageDays: z.number(),
        }),
        githubRepo: z.string().nullable(),
        githubStars: z.number().int().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .openapi('TrendingList');

const search = createRoute({
  method: 'get',
  path: '/api/v1/search',
  tags: ['Search'],
  summary: 'Keyword, semantic or hybrid search with filters',
  request: {
    query: z.object({
      q: z.string().min(1).max(500),
      mode: z.enum(SEARCH_MODES).optional(),
      from: DayParam.optional(),
      to: DayParam.optional(),
      categories: z
        .string()
        .max(400)
        .regex(
          /^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?(,[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?)*$/,
          'comma-separated arXiv categories',
        )
        .optional()
        .openapi({ example: 'cs.CL,cs.LG' }),
      hasCode: BoolParam.optional(),
      sort: z.enum(SEARCH_SORTS).optional().openapi({
        description:
          'relevance (default); date: newest first; trending: the most relevant matches trending this week first',
      }),
      limit: intParam(1, 100).optional().openapi({ description: 'Default 20' }),
      cursor: CursorParam.optional(),
    }),
  },
  responses: {
    200: {
      description: 'Hits, best first',
      content: { 'application/json': { schema: SearchResultSchema } },
    },
    ...problemResponses(400, 429),
  },
});

const trending = createRoute({
  method: 'get',
  path: '/api/v1/trending',
  tags: ['Trending'],
  summary: 'What is trending, each paper with why',
  request: {
    query: z.object({
      window: TrendingWindowSchema.optional().openapi({ description: 'Default 7d' }),
      category: CategoryParam.optional(),
      hasCode: BoolParam.optional(),
      publishedWithinDays: intParam(1, 36_500).optional(),
      limit: intParam(1, 100).optional().openapi({ description: 'Default 30' }),
      cursor: CursorParam.optional(),
    }),
  },
  responses: {
    200: {
      description: 'The trending list',
      content: { 'application/json': { schema: TrendingSchema } },
    },
    ...problemResponses(400),
  },
});

/** /api/v1/search and /api/v1/trending. */
export function registerV1Discovery(app: OpenAPIHono, deps: AppDeps): void {
  const baseUrl = deps.config.baseUrl;
  app.openapi(search, async (c) => {
    const q = c.req.valid('query');
    const limit = q.limit ?? 20;
    const offset = offsetCursor.decode(q.cursor);
    const result = await deps.search.search({
      q: q.q,
      limit,
      offset,
      ...(q.mode ? { mode: q.mode } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.categories ? { categories: q.categories.split(',') } : {}),
      ...(q.hasCode !== undefined ? { hasCode: q.hasCode } : {}),
      ...(q.sort ? { sort: q.sort } : {}),
    });
    // A cursor past the end of the (fixed) ranked list says so rather than answering empty.
    if (result.outOfRange)
      throw badRequest(
        'cursor_out_of_range',
        `cursor: past the end of the ${result.total} results`,
      );
    const next =
      result.hits.length === limit && offset + limit < result.total
        ? offsetCursor.encode(offset + limit)
        : null;
    return cachedJson(
      c,
      {
        hits: result.hits.map((h) => ({
          paper: paperJson(h.paper, baseUrl),
          score: h.score,
          highlights: h.highlights,
        })),
        total: result.total,
        mode: result.mode,
        semanticReady: result.semanticReady,
        suggestion: result.suggestion,
        nextCursor: next,
      },
      { headers: nextLink(c, baseUrl, next) },
    );
  });

  app.openapi(trending, async (c) => {
    const q = c.req.valid('query');
    const window = q.window ?? '7d';
    const limit = q.limit ?? 30;
    const offset = offsetCursor.decode(q.cursor);
    const items = await deps.trending.list({
      window,
      limit,
      offset,
      ...(q.category ? { category: q.category } : {}),
      ...(q.hasCode !== undefined ? { hasCode: q.hasCode } : {}),
      ...(q.publishedWithinDays ? { publishedWithinDays: q.publishedWithinDays } : {}),
    });
    const next = items.length === limit ? offsetCursor.encode(offset + limit) : null;
    return cachedJson(
      c,
      {
        window,
        items: items.map((t) => ({
          paper: paperJson(t.paper, baseUrl),
          rank: t.rank,
          score: t.score,
          explanation: t.explanation,
          githubRepo: t.githubRepo,
          githubStars: t.githubStars,
        })),
        nextCursor: next,
      },
      { headers: nextLink(c, baseUrl, next) },
    );
  });
}
