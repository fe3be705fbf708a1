import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Notification } from '../../../library/library.types.ts';
import type { AppDeps } from '../../app.ts';
import { requireApiUser } from '../bearer.ts';
import { problemResponses } from '../problem.ts';

const security = [{ bearer: [] }];
const tags = ['Account'];
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const NotificationSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['reply', 'mention', 'new_version', 'followed_author']),
    paper: z.object({ id: z.string(), title: z.string(), url: z.string() }).nullable(),
    commentId: z.number().int().nullable(),
    actor: z.string().nullable().openapi({ description: 'Who replied or mentioned you' }),
    detail: z.string().openapi({
      description: 'The comment excerpt, the new version ("v3"), or the followed author',
    }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    read: z.boolean(),
  })
  .openapi('Notification');
const ReadSchema = z
  .object({
    ids: z
      .array(z.number().int().positive())
      .max(1000)
      .optional()
      .openapi({ description: 'Notifications to mark read; all of them when absent' }),
  })
  .openapi('MarkRead');
const SettingsSchema = z
  .object({ byMail: z.boolean().openapi({ description: 'Send notifications by mail too' }) })
  .openapi('NotificationSettings');

const DeleteSchema = z
  .object({ confirm: z.string().max(60).openapi({ description: 'Your member name, to confirm' }) })
  .openapi('DeleteAccount');

/** The member's notifications, settings and account data under /api/v1/me (personal token). */
export function registerV1Account(app: OpenAPIHono, deps: AppDeps): void {
  const { notifications } = deps.personal;
  const base = deps.config.baseUrl;
  const toJson = (n: Notification) => ({
    id: n.id,
    kind: n.kind,
    paper: n.paper ? { ...n.paper, url: `${base}/papers/${n.paper.id}` } : null,
    commentId: n.commentId,
    actor: n.actorName,
    detail: n.detail,
    createdAt: n.createdAt,
    read: n.read,
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/me/notifications',
      tags,
      security,
      summary: 'Your notifications, newest first (at most 100)',
      request: { query: z.object({ unread: z.enum(['1', '0']).optional() }) },
      responses: {
        200: json(
          z.object({ unread: z.number().int(), notifications: z.array(NotificationSchema) }),
          'Notifications',
        ),
        ...problemResponses(400, 401, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      const unreadOnly = c.req.valid('query').unread === '1';
      const [list, unread] = await Promise.all([
        notifications.list(user, { unreadOnly }),
        notifications.unreadCount(user),
      ]);
      c.header('Cache-Control', 'private, no-store');
      return c.json({ unread, notifications: list.map(toJson) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/me/notifications/read',
      tags,
      security,
      summary: 'Mark notifications read (the ones given, or all)',
      request: {
        body: { required: false, content: { 'application/json': { schema: ReadSchema } } },
      },
      responses: {
        200: json(z.object({ marked: z.number().int() }), 'How many were marked'),
        ...problemResponses(400, 401, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      const ids = c.req.valid('json')?.ids;
      return c.json({ marked: await notifications.markRead(user, ids ?? 'all') }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/v1/me/notifications/settings',
      tags,
      security,
      summary: 'Choose whether notifications also come by mail',
      request: {
        body: { required: true, content: { 'application/json': { schema: SettingsSchema } } },
      },
      responses: {
        200: json(SettingsSchema, 'The setting now'),
        ...problemResponses(400, 401, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      await notifications.setMailPreference(user, c.req.valid('json').byMail);
      return c.json({ byMail: await notifications.mailPreference(user) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/me/export',
      tags,
      security,
      summary: 'Everything of your account as one JSON document (no secrets)',
      responses: {
        200: json(
          z
            .object({ format: z.literal('folio-account/1'), exportedAt: z.string() })
            .catchall(z.unknown())
            .openapi('AccountExport'),
          'The account export: profile, saves, collections, follows, votes, comments, subscriptions, token names',
        ),
        ...problemResponses(401, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      c.header('Cache-Control', 'private, no-store');
      return c.json(await deps.personal.account.exportAccount(user), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/v1/me',
      tags,
      security,
      summary: 'Delete your account and its personal data (comments stay as "[deleted]")',
      request: {
        body: { required: true, content: { 'application/json': { schema: DeleteSchema } } },
      },
      responses: {
        204: { description: 'Deleted; this token no longer works' },
        ...problemResponses(400, 401, 429),
      },
    }),
    async (c) => {
      const user = await requireApiUser(deps, c);
      await deps.personal.account.deleteAccount(user, c.req.valid('json').confirm);
      return c.body(null, 204);
    },
  );
}
