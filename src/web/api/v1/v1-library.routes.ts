import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  collectionInputSchema,
  followInputSchema,
  readingStatusSchema,
  saveInputSchema,
} from '../../../library/library.schemas.ts';
import type { Collection, SavedPaper } from '../../../library/library.types.ts';
import type { AppDeps } from '../../app.ts';
import { parseArxivId } from '../../../domain/arxiv-id.ts';
import { requireApiUser } from '../bearer.ts';
import { problemResponses } from '../problem.ts';
import { PaperSchema, paperJson } from './v1.schemas.ts';

const security = [{ bearer: [] }];
const tags = ['Library'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

const SavedSchema = z
  .object({
    paper: PaperSchema,
    status: readingStatusSchema,
    note: z.string().nullable(),
    savedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('SavedPaper');
const CollectionSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    owner: z.string(),
    visibility: z.enum(['private', 'public', 'link']),
    shareUrl: z.string().nullable().openapi({ description: 'Owner only, for "link" collections' }),
    paperCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Collection');
const FollowSchema = z
  .object({
    kind: z.enum(['author', 'category', 'search', 'collection']),
    target: z.string(),
    label: z.string(),
    createdAt: z.string(),
  })
  .openapi('Follow');
const RecommendationSchema = z
  .object({
    paper: PaperSchema,
    reason: z.string().openapi({ example: 'Because you saved “Attention is all you need”' }),
    becauseOf: z
      .object({ id: z.string(), title: z.string(), how: z.enum(['saved', 'upvoted']) })
      .nullable(),
  })
  .openapi('Recommendation');
const PaperIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(300)
    .refine((v) => parseArxivId(v) !== null, 'expected an arXiv id such as 2503.11677')
    .openapi({ example: '2503.11677' }),
});
const CollectionIdParam = z.object({
  collection: z
    .string()
    .regex(/^\d{1,12}$/, 'expected a collection number')
    .openapi({ example: '1' }),
});

/** The member's library, collections, follows and "For you" under /api/v1 (personal token). */
export function registerV1Library(app: OpenAPIHono, deps: AppDeps): void {
  const { library, follows, recommendations } = deps.personal;
  const base = deps.config.baseUrl;
  const saved = (s: SavedPaper) => ({ ...s, paper: paperJson(s.paper, base) });
  const collection = (c: Collection, ownerView: boolean) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    owner: c.ownerName,
    visibility: c.visibility,
    shareUrl: ownerView && c.shareToken ? `${base}/shared/${c.shareToken}` : null,
    paperCount: c.paperCount,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/library',
      tags,
      security,
      summary: 'Your saved papers, newest first',
      request: { query: z.object({ status: readingStatusSchema.optional() }) },
      responses: {
        200: json(z.object({ papers: z.array(SavedSchema) }), 'Saved papers'),
        ...problemResponses(400, 401, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      const { status } = c.req.valid('query');
      const list = await library.saved(user, status ? { status } : {});
      return c.json({ papers: list.map(saved) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/library/{id}',
      tags,
      security,
      summary: 'Save a paper (private), or change its reading status or note',
      request: { params: PaperIdParam, ...body(saveInputSchema) },
      responses: {
        200: json(SavedSchema, 'The saved paper'),
        ...problemResponses(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      const s = await library.save(user, c.req.valid('param').id, c.req.valid('json'));
      return c.json(saved(s), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/library/{id}',
      tags,
      security,
      summary: 'Remove a paper from your library and your collections',
      request: { params: PaperIdParam },
      responses: {
        200: json(z.object({ removed: z.boolean() }), 'Whether it was saved'),
        ...problemResponses(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      return c.json({ removed: await library.unsave(user, c.req.valid('param').id) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/collections',
      tags,
      security,
      summary: 'Your collections',
      responses: {
        200: json(z.object({ collections: z.array(CollectionSchema) }), 'Collections by name'),
        ...problemResponses(401, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      const list = await library.collections(user);
      return c.json({ collections: list.map((x) => collection(x, true)) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/collections',
      tags,
      security,
      summary: 'Create a collection (private unless told otherwise)',
      request: body(collectionInputSchema),
      responses: {
        201: json(CollectionSchema, 'The collection'),
        ...problemResponses(400, 401, 403, 409, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      return c.json(
        collection(await library.createCollection(user, c.req.valid('json')), true),
        201,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/collections/{collection}',
      tags,
      security,
      summary: 'A collection you own, or a public one, with its papers',
      request: { params: CollectionIdParam },
      responses: {
        200: json(
          z.object({ collection: CollectionSchema, papers: z.array(PaperSchema) }),
          'The collection',
        ),
        ...problemResponses(400, 401, 404, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      const found = await library.collection(user, c.req.valid('param').collection);
      return c.json(
        {
          collection: collection(found.collection, found.collection.ownerId === user.id),
          papers: found.papers.map((p) => paperJson(p, base)),
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/collections/{collection}/papers',
      tags,
      security,
      summary: 'Add papers to one of your collections (they are saved too)',
      request: {
        params: CollectionIdParam,
        ...body(z.object({ papers: z.array(z.string().min(1).max(300)).min(1).max(500) })),
      },
      responses: {
        200: json(z.object({ added: z.number().int() }), 'How many were not in it yet'),
        ...problemResponses(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      const result = await library.addToCollection(
        user,
        c.req.valid('param').collection,
        c.req.valid('json').papers,
      );
      return c.json(result, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/follows',
      tags,
      security,
      summary: 'What you follow',
      responses: {
        200: json(z.object({ follows: z.array(FollowSchema) }), 'Follows'),
        ...problemResponses(401, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      const list = await follows.follows(user);
      return c.json({ follows: list.map(({ id: _id, ...f }) => f) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/follows',
      tags,
      security,
      summary: 'Follow an author, a category, a search or a public collection',
      request: body(followInputSchema),
      responses: {
        200: json(FollowSchema, 'The follow'),
        ...problemResponses(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      const { id: _id, ...f } = await follows.follow(user, c.req.valid('json'));
      return c.json(f, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/follows',
      tags,
      security,
      summary: 'Stop following something',
      request: body(followInputSchema),
      responses: {
        200: json(z.object({ removed: z.boolean() }), 'Whether it was followed'),
        ...problemResponses(400, 401, 403, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      return c.json({ removed: await follows.unfollow(user, c.req.valid('json')) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/for-you',
      tags,
      security,
      summary: 'Papers recommended for you, each with its reason',
      request: {
        query: z.object({ limit: z.coerce.number().int().min(1).max(100).optional() }),
      },
      responses: {
        200: json(z.object({ papers: z.array(RecommendationSchema) }), 'Best first'),
        ...problemResponses(400, 401, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      const list = await recommendations.forYou(user, { limit: c.req.valid('query').limit ?? 20 });
      return c.json({ papers: list.map((r) => ({ ...r, paper: paperJson(r.paper, base) })) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/for-you/{id}/not-interested',
      tags,
      security,
      summary: 'Not interested: take a paper out of your recommendations',
      request: { params: PaperIdParam },
      responses: {
        200: json(z.object({ dismissed: z.literal(true) }), 'Done'),
        ...problemResponses(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      await recommendations.dismiss(user, c.req.valid('param').id);
      return c.json({ dismissed: true as const }, 200);
    },
  );
}
