import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../../app.ts';
import type { MicroCache } from '../micro-cache.ts';
import { registerV1Discovery } from './v1-discovery.routes.ts';
import { registerV1Lists } from './v1-lists.routes.ts';
import { registerV1Papers } from './v1-papers.routes.ts';
import { registerV1Submissions } from './v1-submissions.routes.ts';
import { registerV1Library } from './v1-library.routes.ts';
import { registerV1Account } from './v1-account.routes.ts';
import { registerV1Tokens } from './v1-tokens.routes.ts';

/** Folio's own API under /api/v1. */
export function registerV1(app: OpenAPIHono, deps: AppDeps, cache: MicroCache): void {
  registerV1Lists(app, deps, cache);
  registerV1Papers(app, deps);
  registerV1Discovery(app, deps);
  registerV1Submissions(app, deps);
  registerV1Library(app, deps);
  registerV1Account(app, deps);
  registerV1Tokens(app, deps);
}
