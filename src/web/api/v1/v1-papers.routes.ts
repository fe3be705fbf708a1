import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { parseArxivId } from '../../../domain/arxiv-id.ts';
import type { AppDeps } from '../../app.ts';
import { requireApiUser } from '../bearer.ts';
import { cachedJson } from '../http-cache.ts';
import { requirePaperDetails } from '../listed-paper.ts';
import { ArxivIdParam, intParam } from '../params.ts';
import { problemResponses } from '../problem.ts';
import { paperJson, PaperSchema, SubmitterSchema } from './v1.schemas.ts';

const Params = z.object({ id: ArxivIdParam });

const PaperDetailSchema = z
  .object({
    paper: PaperSchema,
    upvotes: z.number().int(),
    numComments: z.number().int(),
    listedOn: z.string().openapi({ format: 'date' }).nullable(),
    submitter: SubmitterSchema.nullable(),
    githubRepo: z.string().nullable(),
    githubStars: z.number().int().nullable(),
    generatedSummary: z
      .object({
        text: z.string(),
        model: z.string().openapi({ description: 'The model that wrote it' }),
        createdAt: z.string().openapi({ format: 'date-time' }),
      })
      .nullable()
      .openapi({
        description:
          'A one-sentence summary written by the chat model this instance is configured with (off by default); never the abstract, and not the source’s own summary',
      }),
  })
  .openapi('PaperDetail');

const CommentSchema = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable().openapi({
      description:
        'The top-level comment this one replies to (null for a top-level comment); it may since have been deleted or hidden',
    }),
    author: z.string(),
    body: z.string().openapi({ description: 'Markdown source' }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    editedAt: z.string().openapi({ format: 'date-time' }).nullable(),
  })
  .openapi('Comment');

const VoteSchema = z.object({ voted: z.boolean(), upvotes: z.number().int() }).openapi('VoteState');

const paper = createRoute({
  method: 'get',
  path: '/api/v1/papers/{id}',
  tags: ['Papers'],
  summary: 'One paper with its upvotes, comments count and list entry',
  request: { params: Params },
  responses: {
    200: {
      description: 'The paper',
      content: { 'application/json': { schema: PaperDetailSchema } },
    },
    ...problemResponses(400, 404),
  },
});

const similar = createRoute({
  method: 'get',
  path: '/api/v1/papers/{id}/similar',
  tags: ['Papers'],
  summary: 'Papers like this one (by abstract embeddings, or keywords until those exist)',
  request: {
    params: Params,
    query: z.object({ limit: intParam(1, 50).optional().openapi({ description: 'Default 10' }) }),
  },
  responses: {
    200: {
      description: 'Similar papers, closest first',
      content: { 'application/json': { schema: z.array(PaperSchema) } },
    },
    ...problemResponses(400, 404),
  },
});

const comments = createRoute({
  method: 'get',
  path: '/api/v1/papers/{id}/comments',
  tags: ['Community'],
  summary: 'A paper’s visible comments and replies, oldest first',
  request: { params: Params },
  responses: {
    200: {
      description: 'Comments',
      content: { 'application/json': { schema: z.array(CommentSchema) } },
    },
    ...problemResponses(400, 404),
  },
});

const addCommentRoute = createRoute({
  method: 'post',
  path: '/api/v1/papers/{id}/comments',
  tags: ['Community'],
  summary: 'Comment on a paper, or reply to a comment (Markdown)',
  security: [{ bearer: [] }],
  request: {
    params: Params,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            body: z.string().min(1).max(5000),
            parentId: z.number().int().positive().optional().openapi({
              description:
                'Reply to this comment; a reply to a reply joins the same top-level comment',
            }),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'Created',
      content: { 'application/json': { schema: z.object({ id: z.number().int() }) } },
    },
    ...problemResponses(400, 401, 403, 404, 429),
  },
});

const vote = (method: 'put' | 'delete') =>
  createRoute({
    method,
    path: '/api/v1/papers/{id}/vote',
    tags: ['Community'],
    summary: method === 'put' ? 'Upvote a paper (idempotent)' : 'Take back an upvote (idempotent)',
    security: [{ bearer: [] }],
    request: { params: Params },
    responses: {
      200: { description: 'The vote now', content: { 'application/json': { schema: VoteSchema } } },
      ...problemResponses(400, 401, 403, 404, 429),
    },
  });

/** /api/v1/papers/{id} and what hangs off a paper: similar papers, comments, votes. */
export function registerV1Papers(app: OpenAPIHono, deps: AppDeps): void {
  const baseUrl = deps.config.baseUrl;
  const idOf = (raw: string) => parseArxivId(raw)!.id;

  app.openapi(paper, async (c) => {
    const listed = await requirePaperDetails(deps.papers, c.req.valid('param').id);
    return cachedJson(c, {
      paper: paperJson(listed.paper, baseUrl),
      upvotes: listed.upvotes,
      numComments: listed.numComments,
      listedOn: listed.day || null,
      submitter: listed.submitter
        ? { name: listed.submitter.name, fullname: listed.submitter.fullname }
        : null,
      githubRepo: listed.githubRepo,
      githubStars: listed.githubStars,
      generatedSummary: listed.generatedSummary,
    });
  });

  app.openapi(similar, async (c) => {
    const id = (await requirePaperDetails(deps.papers, c.req.valid('param').id)).paper.id;
    const papers = await deps.search.similar(id, c.req.valid('query').limit ?? 10);
    return cachedJson(
      c,
      papers.map((p) => paperJson(p, baseUrl)),
    );
  });

  app.openapi(comments, async (c) => {
    const id = (await requirePaperDetails(deps.papers, c.req.valid('param').id)).paper.id;
    const list = await deps.community.comments.visible(id);
    return cachedJson(
      c,
      list.map((m) => ({
        id: m.id,
        parentId: m.parentId,
        author: m.author.name,
        body: m.body,
        createdAt: m.createdAt,
        editedAt: m.editedAt,
      })),
      { cacheControl: 'public, max-age=30' },
    );
  });

  app.openapi(addCommentRoute, async (c) => {
    const user = await requireApiUser(deps, c, 'comment');
    const id = idOf(c.req.valid('param').id);
    const { body, parentId } = c.req.valid('json');
    const commentId = await deps.community.comments.add(user, id, body, parentId);
    await deps.personal.notifications.commentPosted(commentId, parentId);
    return c.json({ id: commentId }, 201);
  });

  for (const method of ['put', 'delete'] as const)
    app.openapi(vote(method), async (c) => {
      const user = await requireApiUser(deps, c, 'vote');
      const id = idOf(c.req.valid('param').id);
      return c.json(await deps.community.votes.toggle(user, id, method === 'put'), 200);
    });
}
