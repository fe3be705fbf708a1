import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../app.ts';
import { requireApiUser } from '../bearer.ts';
import { problemResponses } from '../problem.ts';

const submit = createRoute({
  method: 'post',
  path: '/api/v1/submissions',
  tags: ['Community'],
  summary: 'Put an arXiv paper on today’s list as your submission',
  security: [{ bearer: [] }],
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            arxivId: z.string().min(1).max(300).openapi({ example: '2503.11677' }),
          }),
        },
      },
    },
  },
  responses: {
    200: {
      description: 'Added, or already on a list (`duplicate`, pointing at that day)',
      content: {
        'application/json': {
          schema: z
            .object({
              status: z.enum(['added', 'duplicate']),
              paperId: z.string(),
              day: z.string().openapi({ format: 'date' }),
            })
            .openapi('Submission'),
        },
      },
    },
    ...problemResponses(400, 401, 403, 404, 422, 429, 502),
  },
});

/** POST /api/v1/submissions. */
export function registerV1Submissions(app: OpenAPIHono, deps: AppDeps): void {
  app.openapi(submit, async (c) => {
    const user = await requireApiUser(deps, c, 'submission');
    const result = await deps.community.submissions.submit(user, c.req.valid('json').arxivId);
    return c.json(result, 200);
  });
}
