import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { arxivLookup } from '../../../community/arxiv-lookup.ts';
import { upsertRecords } from '../../../papers/paper.service.ts';
import { notifyPapersStored } from '../../../runtime.ts';
import { parseArxivId } from '../../../domain/arxiv-id.ts';
import { AppError } from '../../../domain/errors.ts';
import {
  findListedPaper,
  listedActivityFor,
  listPapersPage,
  type PaperCursor,
} from '../../../papers/listed-paper.repository.ts';
import type { AppDeps } from '../../app.ts';
import { requireApiUser } from '../bearer.ts';
import { decodeCursor, encodeCursor, nextLink } from '../cursor.ts';
import { cachedJson } from '../http-cache.ts';
import { requireListedPaper } from '../listed-paper.ts';
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
      q: z.string().min(1).max(500),
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
  request: { params: z.object({ id: ArxivIdParam }) },
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
    ...problemResponses(400, 401, 404, 429, 502),
  },
});

/** The Hugging Face Papers paper routes: search, one paper, every paper, index. */
export function registerHfPapers(app: OpenAPIHono, deps: AppDeps): void {
  const ctx = { baseUrl: deps.config.baseUrl };
  app.openapi(search, async (c) => {
    const q = c.req.valid('query');
    const result = await deps.search.search({ q: q.q, limit: q.limit ?? 50 });
    const listed = await listedActivityFor(
      deps.db,
      result.hits.map((hit) => hit.paper),
    );
    return cachedJson(
      c,
      listed.map((l) => hfDailyPaper(l, ctx)),
    ) as never;
  });

  app.openapi(paper, async (c) => {
    const listed = await requireListedPaper(deps.db, c.req.valid('param').id);
    return cachedJson(c, hfPaperDetail(listed, ctx)) as never;
  });

  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const after = decodeCursor<PaperCursor>(q.cursor, (v) => {
      const { d, p } = (v ?? {}) as { d?: unknown; p?: unknown };
      return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && Number.isInteger(p)
        ? { day: d, pid: p as number }
        : null;
    });
    const page = await listPapersPage(deps.db, { limit: q.limit ?? 50, after });
    const next = page.next ? encodeCursor({ d: page.next.day, p: page.next.pid }) : null;
    return cachedJson(c, (await listedActivityFor(deps.db, page.papers)).map(hfListedPaper), {
      headers: nextLink(c, deps.config.baseUrl, next),
    }) as never;
  });

  app.openapi(index, async (c) => {
    await requireApiUser(deps, c);
    const id = parseArxivId(c.req.valid('json').arxivId)!.id;
    const listed = (await findListedPaper(deps.db, id)) ?? (await fetchAndStore(deps, id));
    if (!listed)
      throw new AppError(
        404,
        'paper_unknown',
        deps.config.offline
          ? `Folio does not have arXiv paper ${id} and runs offline.`
          : `arXiv has no paper ${id}.`,
      );
    return c.json(hfPaperDetail(listed, ctx), 200);
  });
}

/** Fetches a paper Folio lacks from the arXiv query API and stores it; null when arXiv lacks it too. */
async function fetchAndStore(deps: AppDeps, id: string) {
  const lookup = arxivLookup(deps);
  if (!lookup) return null;
  let record;
  try {
    record = await lookup(id);
  } catch {
    throw new AppError(502, 'arxiv_unreachable', 'arXiv could not be reached; try again later.');
  }
  if (!record) return null;
  await upsertRecords(deps.db, deps.clock, [record], {
    source: 'api index',
    onStored: (papers) => notifyPapersStored(deps, papers),
  });
  return findListedPaper(deps.db, id);
}
