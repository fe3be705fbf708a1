import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { API_TOKEN_NAME_MAX, apiTokenScopeSchema } from '../../../community/api-tokens.ts';
import type { AppDeps } from '../../app.ts';
import { requireApiUser } from '../bearer.ts';
import { problemResponses } from '../problem.ts';

const create = createRoute({
  method: 'post',
  path: '/api/v1/tokens',
  tags: ['Community'],
  summary: 'Create another personal API token (e.g. a read-only one for a script)',
  description:
    'Authenticated with a read-and-write token. The new token is in this answer only; Folio keeps its hash.',
  security: [{ bearer: [] }],
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            name: z.string().openapi({ example: 'dashboard', maxLength: API_TOKEN_NAME_MAX }),
            scope: apiTokenScopeSchema.optional().openapi({
              description: '`read` (read only) or `write` (read and write, the default)',
            }),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: 'The new token, shown once',
      content: {
        'application/json': {
          schema: z
            .object({
              id: z.number().int(),
              name: z.string(),
              scope: z.enum(['read', 'write']),
              token: z.string(),
              createdAt: z.string(),
            })
            .openapi('NewApiToken'),
        },
      },
    },
    ...problemResponses(400, 401, 403, 409, 429),
  },
});

/** POST /api/v1/tokens. */
export function registerV1Tokens(app: OpenAPIHono, deps: AppDeps): void {
  app.openapi(create, async (c) => {
    const user = await requireApiUser(deps, c);
    const body = c.req.valid('json');
    const { token, record } = await deps.community.apiTokens.create(user, body.name, body.scope);
    return c.json(
      {
        id: record.id,
        name: record.name,
        scope: record.scope,
        token,
        createdAt: record.createdAt,
      },
      201,
    );
  });
}
