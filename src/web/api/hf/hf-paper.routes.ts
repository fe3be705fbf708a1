import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { parseArxivId } from '../../../domain/arxiv-id.ts';
import { notFound } from '../../../domain/errors.ts';
import { dayPeriod } from '../../../domain/periods.ts';
import type { PaperCursor } from '../../../domain/listed-paper.ts';
import type { AppDeps } from '../../app.ts';
import { requireApiUser } from '../bearer.ts';
import { decodeCursor, encodeCursor, nextLink } from '../cursor.ts';
import { cachedJson } from '../http-cache.ts';
import { requirePaperDetails } from '../listed-paper.ts';
import { ArxivIdParam, CursorParam, intParam } from '../params.ts';
import { problemResponses } from '../problem.ts';
import { hfDailyPaper, hfListedPaper, hfPaperDetail } from './hf.mapper.ts';
import { HfPaperDetailSchema, HfPaperSchema, HfSearchResultSchema } from './hf.schemas.ts';

const TAG = ['Hugging Face compatible'];

const search = createRoute({
  method: 'get',
  path: '/api/papers/search',
  tags: TAG,
  summary: 'Search papers (Hugging Face Papers API)',
  request: {
    query: z.object({
      q: z.string().max(500).optional().openapi({
        description: 'What to look for; without it, the latest day’s list (most upvoted first)',
      }),
      limit: intParam(1, 120).optional().openapi({ description: 'At most this many (default 50)' }),
    }),
  },
  responses: {
    200: {
      description: 'A bare array of results, best first.',
      content: { 'application/json': { schema: z.array(HfSearchResultSchema) } },
    },
    ...problemResponses(400, 429),
  },
});

const paper = createRoute({
  method: 'get',
  path: '/api/papers/{id}',
  tags: TAG,
  summary: 'One paper (Hugging Face Papers API): the flat paper object',
  // Any text is accepted: an id that is not an arXiv id names no paper, so it is a 404 as on
  // Hugging Face. Old-style ids keep their slash: /api/papers/cond-mat/0607501.
  request: { params: z.object({ id: z.string().max(300).openapi({ example: '2503.11677' }) }) },
  responses: {
    200: {
      description: 'The paper',
      content: { 'application/json': { schema: HfPaperDetailSchema } },
    },
    ...problemResponses(400, 404),
  },
});

const list = createRoute({
  method: 'get',
  path: '/api/papers',
  tags: TAG,
  summary: 'Every paper, newest listing day first, by cursor',
  request: {
    query: z.object({
      cursor: CursorParam.optional(),
      limit: intParam(1, 100).optional().openapi({ description: 'Papers per page (default 50)' }),
    }),
  },
  responses: {
    200: {
      description: 'A bare array of papers; the Link header (rel="next") carries the next page.',
      content: { 'application/json': { schema: z.array(HfPaperSchema) } },
    },
    ...problemResponses(400),
  },
});

const index = createRoute({
  method: 'post',
  path: '/api/papers/index',
  tags: TAG,
  summary:
    'Make sure Folio has an arXiv paper, fetching it from arXiv when needed (Hugging Face Papers API)',
  security: [{ bearer: [] }],
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ arxivId: ArxivIdParam }) } },
    },
  },
  responses: {
    200: {
      description: 'The paper, already in Folio',
      content: { 'application/json': { schema: HfPaperSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 422, 429, 502),
  },
});

/** The Hugging Face Papers paper routes: search, one paper, every paper, index. */
export function registerHfPapers(app: OpenAPIHono, deps: AppDeps): void {
  const ctx = { baseUrl: deps.config.baseUrl };
  app.openapi(search, async (c) => {
    const q = c.req.valid('query');
    const limit = q.limit ?? 50;
    const text = q.q?.trim() ?? '';
    const listed = text
      ? await deps.papers.listedActivityFor(
          (await deps.search.search({ q: text, limit })).hits.map((hit) => hit.paper),
        )
      : await latestList(deps, limit);
    return cachedJson(
      c,
      listed.map((l) => hfDailyPaper(l, ctx)),
    );
  });

  const onePaper = async (c: Context, rawId: string) => {
    const parsed = parseArxivId(rawId);
    if (!parsed) throw notFound(`There is no paper ${rawId.slice(0, 100)} here.`);
    const listed = await requirePaperDetails(deps.papers, parsed.id);
    return cachedJson(c, hfPaperDetail(listed, ctx));
  };
  app.openapi(paper, (c) => onePaper(c, c.req.valid('param').id));
  app.get(
    '/api/papers/:archive{[a-z]+(?:-[a-z]+)?(?:\\.[A-Za-z-]+)?}/:num{\\d{7}(?:v\\d+)?}',
    (c) => onePaper(c, `${c.req.param('archive')}/${c.req.param('num')}`),
  );

  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const after = decodeCursor<PaperCursor>(q.cursor, (v) => {
      const { d, p } = (v ?? {}) as { d?: unknown; p?: unknown };
      return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && Number.isInteger(p)
        ? { day: d, pid: p as number }
        : null;
    });
    const page = await deps.papers.listPapersPage({ limit: q.limit ?? 50, after });
    const next = page.next ? encodeCursor({ d: page.next.day, p: page.next.pid }) : null;
    return cachedJson(c, (await deps.papers.listedActivityFor(page.papers)).map(hfListedPaper), {
      headers: nextLink(c, deps.config.baseUrl, next),
    });
  });

  app.openapi(index, async (c) => {
    await requireApiUser(deps, c, 'submission');
    const id = parseArxivId(c.req.valid('json').arxivId)!.id;
    await deps.papers.ensurePaper(id);
    return c.json(hfPaperDetail(await requirePaperDetails(deps.papers, id), ctx), 200);
  });
}

/** The latest listing day's papers, most upvoted first (a search with nothing to look for). */
async function latestList(deps: AppDeps, limit: number) {
  const day = await deps.papers.latestListingDate();
  return day ? deps.lists.list(dayPeriod(day), { limit, sort: 'upvotes' }) : [];
}
