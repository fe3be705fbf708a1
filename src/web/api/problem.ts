import { z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { badRequest } from '../../domain/errors.ts';

/** An RFC 9457 problem document, as the one error handler writes it. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    error: z
      .string()
      .openapi({ description: 'The same as `detail`, where Hugging Face clients read it' }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .openapi({ description: 'Each invalid field of the request, by name.' }),
    retryAfter: z.number().int().optional(),
  })
  .openapi('Problem');

const DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter or the body is invalid; `errors` names each bad field.',
  401: 'A personal API token is required (Authorization: Bearer).',
  403: 'The token’s account may not do this.',
  404: 'No such paper or resource.',
  409: 'Conflicts with the current state.',
  429: 'Too many requests; retry after the Retry-After header’s seconds.',
  502: 'An upstream service (arXiv) could not be reached.',
  503: 'This part of the service is not available on this instance.',
};

/** The documented error responses of a route, each a problem+json body. */
// Routes outside /api/ (feeds, citations) answer browsers with an HTML error page and clients
// that accept JSON with the problem document.
export function problemResponses<const S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as Record<
    S,
    {
      description: string;
      content: { 'application/problem+json': { schema: typeof ProblemSchema } };
    }
  >;
}

/**
 * The validation hook of every API route: a request that does not fit its schema becomes a
 * 400 problem naming each bad field (and, since the handler never runs, changes nothing).
 */
export function validationHook(result: {
  success: boolean;
  error?: ZodError;
  target: string;
}): void {
  if (result.success || !result.error) return;
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : result.target,
    message: issue.message,
  }));
  const first = errors[0];
  throw badRequest(
    'invalid_request',
    first ? `Invalid ${first.field}: ${first.message}` : 'Invalid request.',
    { errors },
  );
}
