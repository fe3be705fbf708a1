import type { Hono } from 'hono';
import { contextStorage } from 'hono/context-storage';
import type { AppDeps } from '../app.ts';
import { apiAuthenticationFirst } from '../api/bearer.ts';
import { boundedBody } from './body-size.ts';
import { csrfProtection, formTokens } from './csrf.ts';
import { sessionMiddleware } from './session.ts';

/** What every site request passes through: request context for pages, session, body limit, CSRF. */
export function registerSiteMiddleware(app: Hono, deps: AppDeps): void {
  app.use('*', contextStorage());
  app.use('*', sessionMiddleware(deps));
  app.use('*', formTokens(deps));
  // Writes are authenticated (API tokens) and bounded before any byte of the body is read.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '/api/*', apiAuthenticationFirst(deps));
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', boundedBody);
  app.use('*', csrfProtection(deps));
  // Any write that succeeded may change what pages show.
  const cache = deps.pageCache;
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', async (c, next) => {
    await next();
    if (c.res.status < 400) cache.invalidate();
  });
}
