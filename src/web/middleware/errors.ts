import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asUnavailable } from '../../db/store-faults.ts';
import { AppError } from '../../domain/errors.ts';
import type { Logger } from '../../logger.ts';
import { renderErrorPage } from '../pages/error-page.tsx';

/** The one error handler: problem+json for the API and clients that ask for JSON, an HTML page otherwise. */
export function handleError(logger: Logger) {
  return (error: Error, c: Context) => {
    const problem = toProblem(error);
    if (problem.status === 503)
      logger.warn({ err: error.cause ?? error, path: c.req.path }, 'store unavailable');
    else if (problem.status >= 500)
      logger.error({ err: error, path: c.req.path }, 'request failed');
    const wantsJson =
      c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').includes('application/json');
    if (problem.retryAfter) c.header('Retry-After', String(problem.retryAfter));
    if (wantsJson) {
      // `error` and X-Error-Message carry the reason where Hugging Face clients read it.
      return c.body(
        JSON.stringify({
          type: `about:blank`,
          title: problem.title,
          status: problem.status,
          detail: problem.detail,
          code: problem.code,
          error: problem.detail,
          ...problem.details,
        }),
        problem.status,
        {
          'Content-Type': 'application/problem+json; charset=utf-8',
          'X-Error-Message': headerText(problem.detail),
        },
      );
    }
    return c.html(renderErrorPage(problem.status, problem.title, problem.detail), problem.status);
  };
}

// A header value is Latin-1 text on one line: typographic quotes become ASCII, anything else
// outside printable ASCII becomes '?'.
const headerText = (text: string) =>
  text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 500);

interface Problem {
  status: ContentfulStatusCode;
  code: string;
  title: string;
  detail: string;
  details: Record<string, unknown>;
  retryAfter?: number;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Server error',
  503: 'Unavailable',
};

function toProblem(raw: Error): Problem {
  // A store fault that reached here without passing the driver (a worker, a stream) is a 503 too.
  const error = asUnavailable(raw) as Error;
  if (error instanceof AppError) {
    const status = error.status as ContentfulStatusCode;
    const retryAfter =
      typeof error.details.retryAfter === 'number' ? error.details.retryAfter : undefined;
    return {
      status,
      code: error.code,
      title: TITLES[status] ?? 'Error',
      detail: error.message,
      details: error.details,
      ...(retryAfter ? { retryAfter } : {}),
    };
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return {
      status,
      code: `http_${status}`,
      title: TITLES[status] ?? 'Error',
      detail: error.message || TITLES[status] || 'Error',
      details: {},
    };
  }
  return {
    status: 500,
    code: 'internal',
    title: TITLES[500]!,
    detail: 'Something went wrong on our side.',
    details: {},
  };
}
