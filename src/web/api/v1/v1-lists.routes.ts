import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { badRequest } from '../../../domain/errors.ts';
import {
  dayPeriod,
  isoWeekOf,
  monthPeriod,
  weekPeriod,
  type Period,
} from '../../../domain/periods.ts';
import {
  ListSortSchema,
  PeriodKindSchema,
  periodSchema,
  type PeriodKind,
} from '../../../papers/list-query.ts';
import type { AppDeps } from '../../app.ts';
import { CITATION_FORMATS, renderCitations } from '../citation-formats.ts';
import { nextLink, offsetCursor } from '../cursor.ts';
import { requestKey, sendCachedBody, type MicroCache } from '../micro-cache.ts';
import { CursorParam, intParam } from '../params.ts';
import { problemResponses } from '../problem.ts';
import { listEntryJson, PaperListSchema } from './v1.schemas.ts';

const ListQuerySchema = z.object({
  at: z
    .string()
    .max(10)
    .optional()
    .openapi({ description: 'YYYY-MM-DD, YYYY-Www or YYYY-MM to match kind' }),
  sort: ListSortSchema.optional(),
  limit: intParam(1, 500).optional().openapi({ description: 'Default 50' }),
  cursor: CursorParam.optional(),
  format: z
    .enum(['json', ...CITATION_FORMATS])
    .optional()
    .openapi({ description: 'json (default), bibtex, ris, csl-json or markdown' }),
});

const lists = createRoute({
  method: 'get',
  path: '/api/v1/lists/{kind}',
  tags: ['Lists'],
  summary: 'A day’s, week’s or month’s list (the latest by default); ?format= for citations',
  request: {
    params: z.object({ kind: PeriodKindSchema }),
    query: ListQuerySchema,
  },
  responses: {
    200: {
      description: 'One page of the list; Link rel="next" when there is more.',
      content: {
        'application/json': { schema: PaperListSchema },
        'application/x-bibtex': { schema: z.string() },
        'application/x-research-info-systems': { schema: z.string() },
        'application/vnd.citationstyles.csl+json': {
          schema: z.array(z.object({ id: z.string() })),
        },
        'text/markdown': { schema: z.string() },
      },
    },
    ...problemResponses(400),
  },
});

/** /api/v1/lists/{kind}: the daily, weekly and monthly lists, paged by cursor. */
export function registerV1Lists(app: OpenAPIHono, deps: AppDeps, cache: MicroCache): void {
  app.openapi(lists, async (c) => {
    const { kind } = c.req.valid('param');
    const q = c.req.valid('query');
    const cached = await cache(requestKey(c), () => listBody(kind, q, c));
    // JSON by default; a citation format answers its own text under the same route.
    return sendCachedBody<z.output<typeof PaperListSchema>>(c, cached);
  });

  async function listBody(kind: PeriodKind, q: ListQuery, c: Context) {
    const period = await periodOf(deps, kind, q.at);
    const limit = q.limit ?? 50;
    const offset = offsetCursor.decode(q.cursor);
    const items = period
      ? await deps.lists.list(period, { limit, offset, sort: q.sort ?? 'upvotes' })
      : [];
    if (q.format && q.format !== 'json') {
      const title = period ? `Folio papers · ${period.label}` : 'Folio papers';
      const { body, contentType } = renderCitations(
        q.format,
        items.map((i) => i.paper),
        title,
      );
      return { body, contentType };
    }
    const total = period ? await deps.lists.count(period) : 0;
    const next =
      offset + items.length < total && items.length === limit
        ? offsetCursor.encode(offset + limit)
        : null;
    return {
      body: JSON.stringify({
        period,
        items: items.map((i) => listEntryJson(i, deps.config.baseUrl)),
        total,
        nextCursor: next,
      }),
      contentType: 'application/json; charset=utf-8',
      headers: nextLink(c, deps.config.baseUrl, next),
    };
  }
}

type ListQuery = z.infer<typeof ListQuerySchema>;

async function periodOf(
  deps: AppDeps,
  kind: PeriodKind,
  at: string | undefined,
): Promise<Period | null> {
  if (at) {
    const parsed = periodSchema(kind).safeParse(at);
    if (parsed.success) return parsed.data;
    const message = parsed.error.issues[0]!.message;
    throw badRequest('invalid_period', `Invalid at: ${message}`, {
      errors: [{ field: 'at', message }],
    });
  }
  const latest = await deps.papers.latestListingDate();
  if (!latest) return null;
  return kind === 'day'
    ? dayPeriod(latest)
    : kind === 'week'
      ? weekPeriod(isoWeekOf(latest))
      : monthPeriod(latest.slice(0, 7));
}
