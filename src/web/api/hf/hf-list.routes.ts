import { unlistedPaper } from '../../../domain/listed-paper.ts';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { dayPeriod, monthPeriod, weekPeriod, type Period } from '../../../domain/periods.ts';
import type { AppDeps } from '../../app.ts';
import { requestKey, sendCachedBody, type MicroCache } from '../micro-cache.ts';
import { DayParam, intParam, MonthParam, WeekParam } from '../params.ts';
import { problemResponses } from '../problem.ts';
import { hfDailyPaper } from './hf.mapper.ts';
import { HfDailyPaperSchema } from './hf.schemas.ts';

const DailyQuery = z
  .object({
    // Any whole page number is valid; past the last page (and past page 10000) the answer is [].
    p: z
      .string()
      .regex(/^\d{1,15}$/, 'expected a whole number')
      .transform(Number)
      .optional()
      .openapi({ type: 'integer', minimum: 0, description: 'Page, from 0; `[]` past the last' }),
    limit: intParam(1, 100).optional().openapi({ description: 'Papers per page (default 50)' }),
    date: DayParam.optional().openapi({ description: 'A listing day; the latest by default' }),
    week: WeekParam.optional(),
    month: MonthParam.optional(),
    submitter: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'Only papers this user submitted' }),
    sort: z.enum(['publishedAt', 'trending']).optional().openapi({
      description:
        '`publishedAt`: newest first; `trending`: by trending score. Default: the list order (upvotes).',
    }),
  })
  .refine((q) => [q.date, q.week, q.month].filter(Boolean).length <= 1, {
    message: 'give at most one of date, week and month',
    path: ['date'],
  });

const dailyPapers = createRoute({
  method: 'get',
  path: '/api/daily_papers',
  tags: ['Hugging Face compatible'],
  summary: 'A day’s, week’s or month’s papers (Hugging Face Papers API)',
  request: { query: DailyQuery },
  responses: {
    200: {
      description: 'A bare array of daily papers; `[]` past the last page.',
      content: { 'application/json': { schema: z.array(HfDailyPaperSchema) } },
    },
    ...problemResponses(400, 429),
  },
});

/** GET /api/daily_papers, the Hugging Face Papers list endpoint. */
export function registerHfList(app: OpenAPIHono, deps: AppDeps, cache: MicroCache): void {
  const ctx = { baseUrl: deps.config.baseUrl };
  app.openapi(dailyPapers, async (c) => {
    const q = c.req.valid('query');
    const cached = await cache(requestKey(c), async () => ({
      body: JSON.stringify(await dailyPapersBody(q)),
      contentType: 'application/json; charset=utf-8',
    }));
    return sendCachedBody<Awaited<ReturnType<typeof dailyPapersBody>>>(c, cached);
  });

  async function dailyPapersBody(q: DailyQueryValue) {
    const limit = q.limit ?? 50;
    if ((q.p ?? 0) > MAX_PAGE) return [];
    const offset = (q.p ?? 0) * limit;
    const explicit = q.date || q.week || q.month;
    if (q.submitter && !explicit) {
      // Without a period, a submitter's papers are all they put on any day's list, newest first.
      const list = await deps.lists.submittedBy(q.submitter, { limit, offset });
      return list.map((l) => hfDailyPaper(l, ctx));
    }
    if (q.sort === 'trending' && !explicit && (await trendsThisWeek())) {
      // Without a period, "trending" is the trending list itself (the last week's window).
      const items = await deps.trending.list({ window: '7d', limit, offset });
      const listed = items.map((t) =>
        unlistedPaper(t.paper, {
          upvotes: t.explanation.upvotes,
          numComments: t.explanation.comments,
          githubStars: t.githubStars,
        }),
      );
      return listed.map((l) => hfDailyPaper(l, ctx));
    }
    // Trending with nothing in the week's window (a quiet or offline store) ranks the latest
    // day's list by upvotes, the list order, rather than answering nothing.
    const period = await pickPeriod(deps, q);
    const list = period
      ? await deps.lists.list(period, {
          limit,
          offset,
          sort: q.sort === 'publishedAt' ? 'published' : 'upvotes',
          ...(q.submitter ? { submitter: q.submitter } : {}),
        })
      : [];
    return list.map((l) => hfDailyPaper(l, ctx));
  }

  async function trendsThisWeek(): Promise<boolean> {
    return (await deps.trending.list({ window: '7d', limit: 1 })).length > 0;
  }
}

type DailyQueryValue = z.infer<typeof DailyQuery>;

// Hugging Face answers [] past page 10000 rather than an error.
const MAX_PAGE = 10_000;

async function pickPeriod(
  deps: AppDeps,
  q: { date?: string | undefined; week?: string | undefined; month?: string | undefined },
): Promise<Period | null> {
  if (q.date) return dayPeriod(q.date);
  if (q.week) return weekPeriod(q.week);
  if (q.month) return monthPeriod(q.month);
  const latest = await deps.papers.latestListingDate();
  return latest ? dayPeriod(latest) : null;
}
